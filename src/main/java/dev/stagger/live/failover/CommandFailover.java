package dev.stagger.live.failover;

import java.time.Duration;

/**
 * A planned failover of a group without sentinels, through {@code FAILOVER TO host port TIMEOUT ms}
 * (Redis 6.2+). The master itself pauses writes, waits until the target has every byte, hands over
 * and becomes its replica; if the target does not catch up in time it aborts and resumes writes.
 * Its {@code OK} only means "started", so the result is read back from the old master and then
 * verified; the other replicas are re-pointed with {@code REPLICAOF}.
 */
final class CommandFailover {
    private final FailoverContext ctx;

    CommandFailover(FailoverContext ctx) {
        this.ctx = ctx;
    }

    FailoverOutcome perform() {
        long start = System.nanoTime();
        try (Topology t = Topology.inspect(ctx)) {
            requireVersion(t.master, ctx.oldMaster.toString());
            requireVersion(t.target, ctx.target.toString());
            CatchUp.awaitBeforeChange(ctx, t);
            long timeoutMs = ctx.settings.switchTimeout().toMillis();
            long pausedAt = System.nanoTime();
            try {
                t.master.failoverTo(t.targetReported, timeoutMs);
            } catch (NodeUnavailable e) {
                if (e.certainlyNoEffect()) {
                    throw FailoverException.refused(ctx.oldMaster + " did not start FAILOVER TO " + t.targetReported
                            + ": " + e.getMessage() + "; check that the target is listed by ROLE on the master");
                }
                throw FailoverException.failed("FAILOVER TO " + t.targetReported + " got no reply (" + e.getMessage()
                        + "); check `stagger status` for which instance is master", e);
            }
            ctx.act("FAILOVER TO " + t.targetReported + " TIMEOUT " + timeoutMs + " sent to " + ctx.oldMaster);
            awaitHandover(t);
            for (Topology.Replica r : t.others) {
                repoint(t, r);
            }
            FailoverVerifier verifier = new FailoverVerifier(ctx, t);
            long writable = verifier.awaitWritableNewMaster();
            // FAILOVER changes roles in memory only: a restart would bring back the old ones. Done once
            // writers are back: CONFIG REWRITE blocks the new master while it writes and syncs the file.
            ctx.persistRole(t.master, ctx.oldMaster.toString(), "a replica of " + ctx.target);
            ctx.persistRole(t.target, ctx.target.toString(), "master");
            verifier.awaitReplicasFollow();
            return ctx.outcome(FailoverMethod.FAILOVER_COMMAND, start, pausedAt, writable);
        }
    }

    private void requireVersion(RedisLink link, String who) {
        String version;
        try {
            version = link.version();
        } catch (NodeUnavailable e) {
            throw FailoverException.refused(who + " did not answer INFO server: " + e.getMessage());
        }
        if (!ReplicationInfo.versionAtLeast(version, 6, 2)) {
            throw FailoverException.refused(who + " runs Redis " + version + "; FAILOVER needs 6.2 or later. "
                    + "Upgrade it, or let sentinels watch the group (inventory `sentinel:`)");
        }
    }

    /**
     * Waits until the old master has left the failover states. If it is a replica then, the handover
     * happened; if it is still master, FAILOVER aborted (the target did not catch up) and nothing changed.
     */
    private void awaitHandover(Topology t) {
        // The command's own timeout, plus time for the PSYNC handshake that follows it.
        Duration timeout = ctx.settings.switchTimeout().plus(ctx.settings.verifyTimeout());
        ReplicationInfo[] last = new ReplicationInfo[1];
        ctx.waiter.await(ctx.oldMaster + " to hand over to " + ctx.target, timeout, () -> {
            ReplicationInfo info = t.master.replication();
            last[0] = info;
            String state = info.failoverState();
            return "no-failover".equals(state) ? null : ctx.oldMaster + " master_failover_state:" + state;
        }, seen -> {
            abortQuietly(t);
            return FailoverException.failed("FAILOVER on " + ctx.oldMaster + " did not finish within "
                    + Waiter.seconds(timeout.toNanos()) + ": " + seen + "; it was aborted (FAILOVER ABORT). "
                    + "Check `stagger status`: both instances must not be masters");
        });
        if (last[0].isMaster()) {
            throw FailoverException.refused("FAILOVER TO " + ctx.target + " was aborted by " + ctx.oldMaster
                    + " (it is still master and accepts writes again): the target did not reach its offset within "
                    + ctx.settings.switchTimeout().toMillis() + " ms. Check the replica's lag and the network");
        }
        ctx.say(ctx.oldMaster + " handed over and now reports role " + last[0].get("role"));
    }

    private void abortQuietly(Topology t) {
        try {
            t.master.failoverAbort();
            ctx.act("FAILOVER ABORT sent to " + ctx.oldMaster);
        } catch (NodeUnavailable e) {
            ctx.warn("FAILOVER ABORT on " + ctx.oldMaster + " failed: " + e.getMessage());
        }
    }

    private void repoint(Topology t, Topology.Replica r) {
        try {
            RedisLink link = t.open(ctx, r);
            link.replicaOf(t.targetReported);
            ctx.act("made " + r.label() + " a replica of " + ctx.target + " (" + t.targetReported + ")");
            ctx.persistRole(link, r.label(), "a replica of " + ctx.target);
        } catch (NodeUnavailable e) {
            throw FailoverException.failed("could not re-point " + r.label() + " to the new master " + ctx.target
                    + ": " + e.getMessage() + "; run REPLICAOF " + t.targetReported.address() + " "
                    + t.targetReported.port() + " on it");
        }
    }
}
