package dev.stagger.live.failover;

/**
 * A planned failover of a group without sentinels. It does what {@code FAILOVER TO} does (pause
 * writes, wait until the target holds every write, hand over, resume), but as separate commands it
 * times itself ({@link CommandSwitch}), then re-points the other replicas with {@code REPLICAOF},
 * verifies, and writes the new roles into the config files.
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
            long pausedAt = new CommandSwitch(ctx, t).perform();
            // After the writes resumed: until re-pointed, a replica follows the old master, which now
            // follows the target, so it misses nothing in the meantime.
            for (Topology.Replica r : t.others) {
                repoint(t, r);
            }
            FailoverVerifier verifier = new FailoverVerifier(ctx, t);
            long writable = verifier.awaitWritableNewMaster();
            // REPLICAOF changes roles in memory only: a restart would bring back the old ones. Done once
            // writers are back: CONFIG REWRITE blocks the new master while it writes and syncs the file.
            ctx.persistRole(t.master, ctx.oldMaster.toString(), "a replica of " + ctx.target);
            ctx.persistRole(t.target, ctx.target.toString(), "master");
            verifier.awaitReplicasFollow();
            return ctx.outcome(FailoverMethod.FAILOVER_COMMAND, start, pausedAt, writable);
        }
    }

    /** {@code CLIENT PAUSE WRITE}, the pause that keeps the switch from losing writes, came with 6.2. */
    private void requireVersion(RedisLink link, String who) {
        String version;
        try {
            version = link.version();
        } catch (NodeUnavailable e) {
            throw FailoverException.refused(who + " did not answer INFO server: " + e.getMessage());
        }
        if (!ReplicationInfo.versionAtLeast(version, 6, 2)) {
            throw FailoverException.refused(who + " runs Redis " + version + "; a failover without sentinels needs "
                    + "6.2 or later (CLIENT PAUSE WRITE). Upgrade it, or let sentinels watch the group (inventory "
                    + "`sentinel:`)");
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
                    + ": " + e.getMessage() + "; it still replicates through " + ctx.oldMaster + ", losing nothing. "
                    + "Run REPLICAOF " + t.targetReported.address() + " " + t.targetReported.port() + " on it");
        }
    }
}
