package dev.stagger.live.failover;

import java.time.Duration;

/**
 * The switch of a group without sentinels: the steps {@code FAILOVER TO} takes inside Redis, made by
 * hand, each as soon as the one before is seen done (polled every millisecond). A bare
 * {@code FAILOVER TO} learns that the target caught up only from the target's {@code REPLCONF ACK},
 * which a replica sends once a second (the paused master asks for none): that wait is most of its
 * write gap. The target has already caught up with nothing paused ({@link CatchUp}).
 *
 * <ol>
 *   <li>{@code CLIENT PAUSE WRITE} on the old master. Its offset, read after the pause took effect,
 *       no longer moves: it is every write the old master will ever have accepted.</li>
 *   <li>Wait until the target's processed offset reaches it (milliseconds: only what was in flight).</li>
 *   <li>{@code REPLICAOF NO ONE} on the target. Its INFO must then prove it was promoted from the old
 *       master's history holding every paused byte ({@link Handover}), as {@code FAILOVER TO} requires
 *       before it hands over; a promotion short of them is undone and the failover fails.</li>
 *   <li>{@code REPLICAOF target} on the old master, still paused: no write is accepted by two masters,
 *       and the writes blocked by the pause can only be refused ({@code READONLY}), never accepted
 *       and then lost.</li>
 *   <li>Unpause, and disconnect the old master's clients so that pooled connections look for the new
 *       master now ({@link SwitchSteps#resume}).</li>
 * </ol>
 */
final class CommandSwitch {
    private static final Duration FAST_POLL = Duration.ofMillis(1);

    private final FailoverContext ctx;
    private final Topology t;
    private final SwitchSteps steps;
    private final Waiter fast;

    CommandSwitch(FailoverContext ctx, Topology t) {
        this.ctx = ctx;
        this.t = t;
        this.steps = new SwitchSteps(ctx, t);
        this.fast = new Waiter(FAST_POLL, ctx::say);
    }

    /** @return when writes stopped being accepted on the old master ({@link System#nanoTime}) */
    long perform() {
        long pausedAt = pause();
        Handover.Verdict promotion = steps.thenResume(() -> {
            ReplicationInfo paused = t.master.replication();
            if (!paused.isMaster()) {
                throw FailoverException.failed(ctx.oldMaster + " reports role " + paused.get("role") + " while its "
                        + "writes were paused for the switch; nothing was promoted and its writes were resumed. "
                        + "Something else is changing the group: check `stagger status`");
            }
            long offset = paused.masterReplOffset();
            String replid = paused.get("master_replid");
            awaitCaughtUp(offset, replid);
            Handover.Verdict v = promote(offset, replid);
            demoteOrUndo();
            return v;
        });
        if (promotion == null) {
            throw FailoverException.failed(ctx.target + " did not answer after REPLICAOF NO ONE, so whether it is "
                    + "master is unknown; so that no write can be accepted by two masters, " + ctx.oldMaster + " was "
                    + "made its replica anyway and no instance takes writes until " + ctx.target + " answers as master. "
                    + "If " + ctx.target + " never got the command, run REPLICAOF NO ONE on " + ctx.oldMaster
                    + " (it holds every write); check `stagger status`");
        }
        return pausedAt;
    }

    /**
     * {@code REPLICAOF target} on the old master. Should it fail once the target is master, the old
     * master must not simply resume (FAILOVER TO cannot fail this way: Redis does both in one): the
     * promotion is undone first, so that at most one instance takes writes. Only when the old master
     * certainly ignored the command (refused it) are its writes resumed; when it did not answer, it
     * may be a replica already, and it stays paused.
     */
    private void demoteOrUndo() {
        try {
            steps.demoteOldMaster();
            return;
        } catch (NodeUnavailable e) {
            String notUndone = undoPromotion();
            String failure = "REPLICAOF " + ctx.target + " on " + ctx.oldMaster + " failed (" + e.getMessage() + ") after "
                    + ctx.target + " was promoted; " + (notUndone == null
                            ? ctx.target + " was made a replica of " + ctx.oldMaster + " again"
                            : "making " + ctx.target + " a replica again failed too " + notUndone);
            if (e.certainlyNoEffect() && notUndone == null) {
                throw FailoverException.failed(failure + ", and " + ctx.oldMaster + " is still the master with every "
                        + "write, its writes resumed. Check that the inventory's user may run REPLICAOF (ACL +replicaof)");
            }
            throw new StayPaused(FailoverException.failed(failure + ". " + ctx.oldMaster + " was left paused (its pause "
                    + "ends by itself within " + Waiter.seconds(steps.pauseLimit().toNanos()) + "): no write can be "
                    + "accepted by two masters meanwhile. Run `stagger status` now: if " + ctx.oldMaster + " still "
                    + "reports master and " + ctx.target + " replicates from it, nothing was lost and the group is as "
                    + "before; otherwise make the instance holding every write the master (REPLICAOF NO ONE) and the "
                    + "other its replica"));
        }
    }

    /**
     * {@code REPLICAOF old master} on the promoted target.
     *
     * @return null when it took; else why not and the command to run by hand
     */
    private String undoPromotion() {
        NodeAddress old = NodeAddress.of(ctx.addresses, ctx.oldMaster);
        try {
            t.target.replicaOf(old);
            ctx.act("made " + ctx.target + " a replica of " + ctx.oldMaster + " again (" + old + ")");
            return null;
        } catch (NodeUnavailable e) {
            return "(" + e.getMessage() + "): run REPLICAOF " + old.address() + " " + old.port() + " on it";
        }
    }

    /** A pause that got no reply may be in force: it is lifted before saying so. */
    private long pause() {
        try {
            return steps.pause();
        } catch (NodeUnavailable e) {
            if (e.certainlyNoEffect()) {
                throw e;
            }
            steps.resume(false);
            throw FailoverException.failed("CLIENT PAUSE WRITE on " + ctx.oldMaster + " got no reply (" + e.getMessage()
                    + "); nothing was promoted and writes were resumed. Check the instance's load and the network", e);
        }
    }

    private void awaitCaughtUp(long offset, String replid) {
        Duration timeout = ctx.settings.switchTimeout();
        fast.await(ctx.target + " to hold every write of the paused " + ctx.oldMaster + " (offset " + offset + ")",
                timeout, () -> {
                    Handover.Verdict v = Handover.judge(t.target.replication(), offset, replid);
                    if (v.promoted()) {
                        throw FailoverException.failed(ctx.target + " reports role master before stagger promoted it; "
                                + "writes on " + ctx.oldMaster + " were resumed. Something else is changing the group: "
                                + "check `stagger status`: two masters must not both take writes");
                    }
                    return v.state() == Handover.State.CAUGHT_UP ? null : v.missingBytes() + " bytes behind";
                }, seen -> FailoverException.refused(ctx.target + " did not catch up while writes on " + ctx.oldMaster
                        + " were paused: " + seen + " after " + Waiter.seconds(timeout.toNanos()) + "; the writes "
                        + "were resumed and nothing was changed. Check the replica's link and network"));
    }

    /**
     * {@code REPLICAOF NO ONE} on the target, judged from its INFO.
     *
     * @return the verdict (promoted with every paused byte), or null when the target stopped answering
     */
    private Handover.Verdict promote(long offset, String replid) {
        try {
            t.target.replicaOfNoOne();
        } catch (NodeUnavailable e) {
            if (e.certainlyNoEffect()) {
                throw FailoverException.failed("REPLICAOF NO ONE on " + ctx.target + " failed (" + e.getMessage()
                        + "); nothing was promoted, writes on " + ctx.oldMaster + " were resumed and it is still the "
                        + "master. Check that the inventory's user may run REPLICAOF (ACL +replicaof)");
            }
            ctx.say("REPLICAOF NO ONE on " + ctx.target + " got no reply (" + e.getMessage() + "); reading its role");
        }
        ctx.act("REPLICAOF NO ONE sent to " + ctx.target + " (it holds every write of " + ctx.oldMaster + ", offset "
                + offset + ")");
        Handover.Verdict[] last = new Handover.Verdict[1];
        Duration timeout = ctx.settings.switchTimeout();
        try {
            fast.await(ctx.target + " to report role master", timeout, () -> {
                Handover.Verdict v = Handover.judge(t.target.replication(), offset, replid);
                last[0] = v;
                return v.promoted() ? null : ctx.target + " is still a replica";
            }, seen -> new TargetSilent(seen));
        } catch (TargetSilent silent) {
            if (last[0] == null) {
                return null;
            }
            throw FailoverException.failed(ctx.target + " is still a replica " + Waiter.seconds(timeout.toNanos())
                    + " after REPLICAOF NO ONE (" + silent.getMessage() + "); nothing was promoted, writes on "
                    + ctx.oldMaster + " were resumed and it is still the master. Check the target's log");
        }
        if (last[0].state() == Handover.State.PROMOTED_SHORT) {
            undoShortPromotion(last[0].missingBytes());
        }
        return last[0];
    }

    /**
     * Cannot happen after the wait above unless the target lost its history in between; kept because
     * a master short of acknowledged writes must never be the outcome.
     */
    private void undoShortPromotion(long missing) {
        String notUndone = undoPromotion();
        String undone = notUndone == null
                ? ctx.target + " was made a replica of " + ctx.oldMaster + " again (a full resync)"
                : "making " + ctx.target + " a replica again failed " + notUndone;
        throw FailoverException.failed(ctx.target + " was promoted " + missing + " bytes short of " + ctx.oldMaster
                + "'s replication stream (another history than the old master's); " + undone + ", and "
                + ctx.oldMaster + " is still the master with every write, its writes resumed. Check `stagger status`");
    }

    /** The target did not report master in time; whether it answered at all decides what is known. */
    private static final class TargetSilent extends RuntimeException {
        TargetSilent(String seen) {
            super(seen, null, false, false);
        }
    }
}
