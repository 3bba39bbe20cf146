package dev.stagger.live.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the failing-over sentinel believes about the replicas. A sentinel picks the replica to promote
 * from its own cached INFO of each replica, refreshed only every 10 s by default, so a priority just
 * set with CONFIG SET is invisible to it for up to that long. The failover therefore starts only once
 * this sentinel sees the target as the single eligible replica (same criteria as Sentinel's own
 * selection: not down or disconnected, fresh INFO, priority above 0).
 */
final class SentinelCandidates {
    /** Sentinel ignores replicas whose INFO is older than three INFO periods (3 x 10 s). */
    private static final long STALE_INFO_MS = 30_000;

    private final FailoverContext ctx;
    private final RedisLink sentinel;

    SentinelCandidates(FailoverContext ctx, RedisLink sentinel) {
        this.ctx = ctx;
        this.sentinel = sentinel;
    }

    void awaitOnlyTargetEligible(Topology t) {
        Duration timeout = ctx.settings.catchUpTimeout();
        ctx.waiter.await("sentinel " + sentinel + " to see " + ctx.target + " as the only promotable replica",
                timeout, () -> problem(t), seen -> FailoverException.refused("sentinel " + sentinel
                        + " does not see " + ctx.target + " as the only promotable replica within "
                        + Waiter.seconds(timeout.toNanos()) + ": " + seen + ". Sentinels read replica priorities "
                        + "with INFO every 10 s; check SENTINEL REPLICAS " + ctx.service.masterName()
                        + " (flags, slave-priority, info-refresh) and the replicas' links"));
    }

    /** Null when only the target is eligible, else what stands in the way. */
    String problem(Topology t) {
        List<String> problems = new ArrayList<>();
        boolean targetSeen = false;
        for (Map<String, String> r : sentinel.sentinelReplicas(ctx.service.masterName())) {
            String ip = r.get("ip");
            int port = Integer.parseInt(r.getOrDefault("port", "0"));
            boolean isTarget = (ip.equals(t.targetReported.address()) && port == t.targetReported.port())
                    || ctx.addresses.is(ctx.target, ip, port);
            String why = ineligibility(r);
            if (isTarget) {
                targetSeen = true;
                if (why != null) {
                    problems.add("it sees " + ctx.target + " as not promotable (" + why + ")");
                }
            } else if (why == null) {
                problems.add("it still sees " + ctx.describe(ip, port) + " with slave-priority " + r.get("slave-priority"));
            }
        }
        if (!targetSeen) {
            problems.add("it does not list " + ctx.target + " among the replicas");
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Why Sentinel would skip this replica, or null when it could pick it. */
    static String ineligibility(Map<String, String> replica) {
        String flags = replica.getOrDefault("flags", "");
        for (String bad : List.of("s_down", "o_down", "disconnected")) {
            if (flags.contains(bad)) {
                return "flags " + flags;
            }
        }
        if ("0".equals(replica.get("slave-priority"))) {
            return "slave-priority 0";
        }
        long infoAge = Long.parseLong(replica.getOrDefault("info-refresh", "0"));
        if (infoAge > STALE_INFO_MS) {
            return "INFO " + infoAge + " ms old";
        }
        if (!"ok".equals(replica.get("master-link-status"))) {
            return "master-link-status " + replica.get("master-link-status");
        }
        return null;
    }
}
