package dev.stagger.live.failover;

import java.util.Map;

/**
 * The sentinel that runs a steered failover, as stagger drives and watches it: it starts the
 * failover, and says when it gave the failover up without promoting the target, so that writes
 * paused for the switch are resumed at once instead of at the switch timeout.
 */
final class FailingOverSentinel {
    /** Sentinel changes state only on its timer ticks (every 50-100 ms): asking more often tells nothing new. */
    private static final long ABORT_CHECK_NANOS = 20_000_000L;

    private final FailoverContext ctx;
    private final RedisLink link;
    private long lastCheck;

    FailingOverSentinel(FailoverContext ctx, RedisLink link) {
        this.ctx = ctx;
        this.link = link;
    }

    RedisLink link() {
        return link;
    }

    /** Through the sentinel whose view of the replicas was checked: it is the one that selects. */
    void issueFailover() {
        try {
            link.sentinelFailover(ctx.service.masterName());
            ctx.act("SENTINEL FAILOVER " + ctx.service.masterName() + " sent to sentinel " + link);
        } catch (NodeUnavailable e) {
            if (e.kind() == NodeUnavailable.Kind.NO_REPLY) {
                throw FailoverException.failed("SENTINEL FAILOVER through " + link + " got no reply ("
                        + e.getMessage() + "); a failover may be in progress: check `stagger status`", e);
            }
            // Not retried through another sentinel: after -INPROG that would start a competing failover.
            throw FailoverException.refused("sentinel " + link + " did not start the failover (" + e.getMessage()
                    + "); writes were resumed and nothing was changed. NOGOODSLAVE means it does not consider "
                    + ctx.target + " promotable: check SENTINEL REPLICAS " + ctx.service.masterName()
                    + "; INPROG means a failover is already running");
        }
    }

    /**
     * Throws when the sentinel ended the failover without promoting the target; asks the sentinel at
     * most every {@link #ABORT_CHECK_NANOS}. A sentinel that does not answer is no verdict (the
     * caller's deadline decides).
     *
     * <p>An ended failover is a success only when the sentinel names a new master: the flag
     * {@code failover_in_progress} is cleared in the same step that switches the master's address, so
     * "not in progress and still the old address" can only mean it was aborted
     * ({@code -failover-abort-*}: no good replica, the promotion timed out, ...).
     *
     * @param writesPaused whether writes on the old master are paused now (for the message)
     */
    void failIfAbandoned(boolean writesPaused) {
        long now = System.nanoTime();
        if (lastCheck != 0 && now - lastCheck < ABORT_CHECK_NANOS) {
            return;
        }
        lastCheck = now;
        Map<String, String> m;
        try {
            m = link.sentinelMaster(ctx.service.masterName());
        } catch (NodeUnavailable e) {
            return;
        }
        String flags = m.getOrDefault("flags", "");
        if (flags.contains("failover_in_progress")) {
            return;
        }
        String ip = m.get("ip");
        int port = Integer.parseInt(m.getOrDefault("port", "0"));
        if (ip == null || !ctx.addresses.is(ctx.oldMaster, ip, port)) {
            return;
        }
        throw FailoverException.failed("sentinel " + link + " gave up the failover without promoting " + ctx.target
                + " (flags " + flags + ", failover-state " + m.getOrDefault("failover-state", "none") + ", config-epoch "
                + m.getOrDefault("config-epoch", "?") + ", it still names " + ctx.oldMaster + " as master); "
                + (writesPaused ? "writes on " + ctx.oldMaster + " were resumed at once, " : "writes were never paused, ")
                + ctx.oldMaster + " is still the master. Check its log for -failover-abort-* (no good replica, "
                + "promotion timeout) and `stagger status`: if " + ctx.target + " got SLAVEOF NO ONE late, the "
                + "sentinels turn it back into a replica");
    }

    @Override
    public String toString() {
        return link.toString();
    }
}
