package dev.stagger.live.failover;

import java.time.Duration;
import java.util.Map;

/**
 * The fast switch: {@code SENTINEL FAILOVER} first, and writes on the old master paused only one
 * sentinel tick before the promotion, so writers wait for the promotion itself rather than for the
 * sentinel's whole state machine.
 *
 * <ol>
 *   <li>{@code SENTINEL FAILOVER}, then {@code SENTINEL MASTER} polled every millisecond. The sentinel
 *       moves one state per timer tick (50-100 ms apart): it sends {@code SLAVEOF NO ONE} on the tick
 *       after it enters {@code send_slaveof_noone}. Seeing that state, {@code CLIENT PAUSE WRITE} on
 *       the old master lands at least most of a tick before the promotion. A poll slower than
 *       {@link #SLOW_POLL_NANOS} pauses at once, whatever the state: the margin is then too thin to
 *       wait for.</li>
 *   <li>The old master's offset, read after the pause, no longer moves. {@code INFO replication} on the
 *       target, polled every millisecond, says when it holds that offset and when it is promoted; once
 *       promoted, the offset at which it stopped replicating proves it took every paused write along
 *       ({@link Handover}). Should the pause have landed after the promotion (a stalled stagger host),
 *       this is where it shows: the failover then fails saying how many bytes were lost.</li>
 *   <li>{@code REPLICAOF target} on the old master, still paused: no write is accepted by two
 *       masters. Then unpause and disconnect its clients (see {@link SwitchSteps#resume}).</li>
 *   <li>Should the sentinel give the failover up meanwhile, writes are resumed as soon as it says so
 *       ({@link FailingOverSentinel#failIfAbandoned}), not at the switch timeout.</li>
 * </ol>
 */
final class TimedSwitch {
    /** A sentinel tick is at least ~52 ms; a poll slower than this eats too much of the margin. */
    static final long SLOW_POLL_NANOS = 20_000_000L;
    private static final Duration STATE_POLL = Duration.ofMillis(1);

    private final FailoverContext ctx;
    private final Topology t;
    private final FailingOverSentinel sentinel;
    private final SwitchSteps steps;
    private final Waiter fast;

    TimedSwitch(FailoverContext ctx, Topology t, FailingOverSentinel sentinel) {
        this.ctx = ctx;
        this.t = t;
        this.sentinel = sentinel;
        this.steps = new SwitchSteps(ctx, t);
        this.fast = new Waiter(STATE_POLL, ctx::say);
    }

    /** @return when writes stopped being accepted on the old master ({@link System#nanoTime}) */
    long perform() {
        sentinel.issueFailover();
        awaitPromotionStep();
        long pausedAt = steps.pause();
        Handover.Verdict verdict = steps.thenResume(() -> {
            ReplicationInfo paused = t.master.replication();
            if (!paused.isMaster()) {
                throw FailoverException.failed(ctx.oldMaster + " reports role " + paused.get("role") + " while the "
                        + "failover to " + ctx.target + " runs; check `stagger status` and the sentinels' logs");
            }
            Handover.Verdict v = awaitPromotion(paused.masterReplOffset(), paused.get("master_replid"));
            steps.demoteOrStayPaused();
            return v;
        });
        steps.persistDemotion();
        if (verdict.state() == Handover.State.PROMOTED_SHORT) {
            throw FailoverException.failed(ctx.target + " was promoted " + verdict.missingBytes() + " bytes short of "
                    + ctx.oldMaster + "'s replication stream: writes accepted just before the pause are lost (the "
                    + "pause came too late: this host or the sentinel stalled). " + ctx.target + " is master and "
                    + ctx.oldMaster + " its replica; check the data, and `stagger status`");
        }
        return pausedAt;
    }

    /** Waits until the sentinel is one tick from sending SLAVEOF NO ONE (or its polls turn slow). */
    private void awaitPromotionStep() {
        Duration timeout = ctx.settings.switchTimeout();
        long[] slowAnswer = {0};
        fast.await("sentinel " + sentinel + " to reach failover-state send_slaveof_noone", timeout, () -> {
            long before = System.nanoTime();
            Map<String, String> m = sentinel.link().sentinelMaster(ctx.service.masterName());
            long took = System.nanoTime() - before;
            String flags = m.getOrDefault("flags", "");
            String state = m.getOrDefault("failover-state", "none");
            if (!flags.contains("failover_in_progress")) {
                throw FailoverException.failed("the sentinels did not promote " + ctx.target + ": sentinel "
                        + sentinel + " ended the failover first (flags " + flags + "); writes were never paused. "
                        + "Check its log for -failover-abort-* and `stagger status` for which instance is master");
            }
            if (took > SLOW_POLL_NANOS && ("wait_start".equals(state) || "select_slave".equals(state))) {
                slowAnswer[0] = took;
                return null;
            }
            return "wait_start".equals(state) || "select_slave".equals(state) ? "failover-state " + state : null;
        }, seen -> FailoverException.failed("sentinel " + sentinel + " did not reach failover-state "
                + "send_slaveof_noone within " + Waiter.seconds(timeout.toNanos()) + ": " + seen + "; writes were "
                + "never paused. Check its log and `stagger status`: it may still promote " + ctx.target));
        if (slowAnswer[0] > 0) {
            ctx.say("sentinel " + sentinel + " answered in " + slowAnswer[0] / 1_000_000 + " ms, too slow to wait "
                    + "for the tick before the promotion: pausing writes now");
        }
    }

    /** Polls the target until it is promoted holding every paused write (or short of them: the verdict says). */
    private Handover.Verdict awaitPromotion(long pausedOffset, String replid) {
        Duration timeout = ctx.settings.switchTimeout();
        Handover.Verdict[] last = new Handover.Verdict[1];
        fast.await(ctx.target + " to be promoted with every write of " + ctx.oldMaster + " (offset " + pausedOffset
                + ")", timeout, () -> {
                    // Checked first: a target that does not answer must not hide an aborted failover.
                    sentinel.failIfAbandoned(true);
                    Handover.Verdict v = Handover.judge(t.target.replication(), pausedOffset, replid);
                    last[0] = v;
                    return v.promoted() ? null : ctx.target + " is a replica, " + (v.state() == Handover.State.BEHIND
                            ? v.missingBytes() + " bytes behind" : "caught up");
                }, seen -> FailoverException.failed("the sentinels did not promote " + ctx.target + " within "
                        + Waiter.seconds(timeout.toNanos()) + ": " + seen + "; expected role master. Writes on "
                        + ctx.oldMaster + " are resumed. Check the sentinels' logs (+failover-state-*, "
                        + "-failover-abort-*) and `stagger status`: a late promotion would leave two masters"));
        return last[0];
    }
}
