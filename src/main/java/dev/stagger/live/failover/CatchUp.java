package dev.stagger.live.failover;

import java.time.Duration;

/**
 * Waits until the target holds every byte of the master's replication stream. The master's offset is
 * read first and the target's second, so "target offset at least the master's" proves the target had
 * everything the master had at that instant, even while writes go on (literal equality may never be
 * observed under load, because the two reads cannot be atomic).
 */
final class CatchUp {
    private CatchUp() {
    }

    /** Without touching anything: a target that cannot catch up is a refusal. */
    static Duration awaitBeforeChange(FailoverContext ctx, Topology t) {
        return ctx.waiter.await(ctx.target + " to hold every write of " + ctx.oldMaster + " (equal replication offsets)",
                ctx.settings.catchUpTimeout(), () -> lag(ctx, t),
                seen -> FailoverException.refused(ctx.target + " did not catch up with " + ctx.oldMaster + " within "
                        + Waiter.seconds(ctx.settings.catchUpTimeout().toNanos()) + ": " + seen
                        + "; expected equal replication offsets. Check the replica's link and network, and the write "
                        + "load; retry when `stagger status` shows no lag"));
    }

    /** With writes paused on the master the offsets stop moving, so this takes milliseconds. */
    static Duration awaitWhilePaused(FailoverContext ctx, Topology t) {
        return ctx.waiter.await(ctx.target + " to receive the last writes before the switch",
                ctx.settings.switchTimeout(), () -> lag(ctx, t),
                seen -> FailoverException.refused(ctx.target + " did not catch up while writes on " + ctx.oldMaster
                        + " were paused: " + seen + "; the writes were resumed and nothing was changed. "
                        + "Check the replica's link and network"));
    }

    /** Null when caught up, else what is behind. */
    static String lag(FailoverContext ctx, Topology t) {
        ReplicationInfo m = t.master.replication();
        if (!m.isMaster()) {
            return ctx.oldMaster + " now reports role " + m.get("role");
        }
        long masterOffset = m.masterReplOffset();
        ReplicationInfo r = t.target.replication();
        if (!r.linkUp()) {
            return ctx.target + " master_link_status:" + r.get("master_link_status");
        }
        if (r.syncInProgress()) {
            return ctx.target + " has a full sync in progress";
        }
        long behind = masterOffset - r.replicaOffset();
        if (behind <= 0) {
            return null;
        }
        return ctx.target + " is " + behind + " bytes behind (master_repl_offset " + masterOffset
                + ", replica offset " + r.replicaOffset() + ")";
    }
}
