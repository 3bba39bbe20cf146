package dev.stagger.live.failover;

import java.time.Duration;

/**
 * The steps every way of switching a master shares (with sentinels or by hand): pausing writes on
 * the old master, demoting it while they are paused, and resuming it afterwards.
 */
final class SwitchSteps {
    private final FailoverContext ctx;
    private final Topology t;

    SwitchSteps(FailoverContext ctx, Topology t) {
        this.ctx = ctx;
        this.t = t;
    }

    /** How long the old master's writes stay paused at most: Redis lifts the pause by itself if stagger dies. */
    Duration pauseLimit() {
        return ctx.settings.switchTimeout().plus(ctx.settings.commandTimeout());
    }

    /** {@code CLIENT PAUSE WRITE} on the old master; returns when the pause took effect. */
    long pause() {
        Duration pause = pauseLimit();
        // Taken before the command: writes may stop being accepted as soon as it arrives.
        long pausedAt = System.nanoTime();
        t.master.pauseWrites(pause.toMillis());
        ctx.act("paused writes on " + ctx.oldMaster + " for at most " + Waiter.seconds(pause.toNanos()));
        return pausedAt;
    }

    /**
     * Runs the switch that follows {@link #pause} and resumes the old master's writes as its outcome
     * allows: demoted (the switch returned) with its clients released; still master (the switch
     * failed before the demotion) as it was; unknown ({@link StayPaused}) not at all: its pause ends
     * at the limit. The one place that decides whether a paused master may take writes again.
     */
    <T> T thenResume(java.util.function.Supplier<T> switchWhilePaused) {
        T result;
        try {
            result = switchWhilePaused.get();
        } catch (StayPaused held) {
            throw held.failure;
        } catch (RuntimeException e) {
            resume(false);
            throw e;
        }
        resume(true);
        return result;
    }

    /**
     * After the sentinels promoted the target: {@code REPLICAOF target} on the old master, still paused.
     * Should that fail, resuming it would give two masters until the sentinels re-point it, and the
     * writes it took meanwhile would be erased: it stays paused, the sentinels (with their own
     * credentials) re-point it, and its pause ends by itself.
     */
    void demoteOrStayPaused() {
        try {
            demoteOldMaster();
        } catch (NodeUnavailable e) {
            NodeAddress target = t.targetReported;
            throw new StayPaused(FailoverException.failed("REPLICAOF " + ctx.target + " on " + ctx.oldMaster + " failed ("
                    + e.getMessage() + ") after the sentinels promoted " + ctx.target + "; " + ctx.oldMaster + " was left "
                    + "paused (the pause ends by itself within " + Waiter.seconds(pauseLimit().toNanos()) + ") so that it "
                    + "takes no write while " + ctx.target + " is master. Make it a replica now: REPLICAOF "
                    + target.address() + " " + target.port() + " on it, as a user allowed to (the sentinels also do it "
                    + "once they have seen it report master for a while), then check `stagger status`"));
        }
    }

    /** {@code REPLICAOF target} on the old master, while its writes are still paused. */
    void demoteOldMaster() {
        t.master.replicaOf(t.targetReported);
        ctx.act("made " + ctx.oldMaster + " a replica of " + ctx.target + " (" + t.targetReported + ")");
    }

    /**
     * Lifts the pause (a failure to do so is a warning: the pause ends by itself) and, once the old
     * master is a replica, disconnects its clients: writers blocked by the pause got {@code READONLY},
     * and pooled connections would each find out only on their next write.
     */
    void resume(boolean demoted) {
        try {
            t.master.unpause();
            ctx.act("resumed writes on " + ctx.oldMaster + (demoted ? " (now a replica: writers get READONLY "
                    + "and must reconnect to " + ctx.target + ")" : ""));
        } catch (NodeUnavailable e) {
            ctx.warn("could not resume writes on " + ctx.oldMaster + " (" + e.getMessage()
                    + "); its pause ends by itself within " + Waiter.seconds(pauseLimit().toNanos()));
        }
        if (!demoted) {
            return;
        }
        try {
            long killed = t.master.killNormalClients();
            ctx.act("disconnected " + killed + " client(s) of " + ctx.oldMaster + " so that they look for the new master now");
        } catch (NodeUnavailable e) {
            ctx.warn("could not disconnect the clients of " + ctx.oldMaster + " (" + e.getMessage() + "); they "
                    + "find the new master on their next write, through READONLY");
        }
    }

    /** The sentinels rewrite the configs of instances they reconfigure; the old master they no longer need to. */
    void persistDemotion() {
        ctx.persistRole(t.master, ctx.oldMaster.toString(), "a replica of " + ctx.target);
    }
}
