package dev.stagger.live.failover;

import dev.stagger.live.RoleReply;
import java.time.Duration;

/**
 * The conservative switch, used when the sentinel answers too slowly for {@link TimedSwitch}: writes
 * on the old master are paused before {@code SENTINEL FAILOVER} is even sent, so no write can be
 * accepted after the target's promotion however the sentinel's timing goes. Writes stay paused
 * through the sentinel's three ticks to {@code SLAVEOF NO ONE} (a few hundred milliseconds). Should the
 * sentinel give the failover up (no good replica after all, the promotion timing out), writes are
 * resumed as soon as it says so, not at the switch timeout.
 */
final class PausedSwitch {
    private final FailoverContext ctx;
    private final Topology t;
    private final FailingOverSentinel sentinel;
    private final SwitchSteps steps;

    PausedSwitch(FailoverContext ctx, Topology t, FailingOverSentinel sentinel) {
        this.ctx = ctx;
        this.t = t;
        this.sentinel = sentinel;
        this.steps = new SwitchSteps(ctx, t);
    }

    /** @return when writes stopped being accepted on the old master ({@link System#nanoTime}) */
    long perform() {
        long pausedAt = steps.pause();
        steps.thenResume(() -> {
            CatchUp.awaitWhilePaused(ctx, t);
            sentinel.issueFailover();
            awaitPromotion();
            steps.demoteOrStayPaused();
            return null;
        });
        steps.persistDemotion();
        return pausedAt;
    }

    private void awaitPromotion() {
        Duration timeout = ctx.settings.switchTimeout();
        ctx.waiter.await(ctx.target + " to be promoted by the sentinels", timeout, () -> {
            // Checked first: a target that does not answer must not hide an aborted failover.
            sentinel.failIfAbandoned(true);
            RoleReply r = t.target.role();
            return r.isMaster() ? null : ctx.target + " reports " + r.describe();
        }, seen -> FailoverException.failed("the sentinels did not promote " + ctx.target + " within "
                + Waiter.seconds(timeout.toNanos()) + ": " + seen + "; expected role master. Writes on "
                + ctx.oldMaster + " are resumed. Check the sentinels' logs (+failover-state-*, -failover-abort-*) "
                + "and `stagger status`: a late promotion would leave two masters"));
    }
}
