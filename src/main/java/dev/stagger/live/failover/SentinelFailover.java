package dev.stagger.live.failover;

import dev.stagger.live.RoleReply;
import dev.stagger.model.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A planned failover of a group watched by sentinels, steered to one target and losing no
 * acknowledged write.
 *
 * <ol>
 *   <li>Refuse unless the master says master, the target replicates from it, and enough sentinels
 *       answer and all name the current master.</li>
 *   <li>Steer: {@code replica-priority 0} on every other replica (restored in a finally).</li>
 *   <li>Wait, without touching writes, until the target holds all the master's writes; refuse if it
 *       cannot catch up (so the pause below stays short).</li>
 *   <li>Pause writes on the old master ({@code CLIENT PAUSE WRITE}, bounded, lifted by Redis itself
 *       if stagger dies), wait for exact offset equality, then {@code SENTINEL FAILOVER}. Without the
 *       pause, a write acknowledged by another replica after the target's promotion is lost when that
 *       replica is re-pointed: sentinels do not stop writes on the old master, and only demote it
 *       after several seconds. This is what {@code FAILOVER} does for itself; it must not be used
 *       under Sentinel, so it is done here by hand.</li>
 *   <li>As soon as the target says master, make the old master its replica, then lift the pause:
 *       blocked writers get {@code READONLY} and reconnect to the new master.</li>
 *   <li>Verify (new master writable, replicas linked, sentinels agree), then restore priorities.</li>
 * </ol>
 */
final class SentinelFailover {
    private final FailoverContext ctx;

    SentinelFailover(FailoverContext ctx) {
        this.ctx = ctx;
    }

    FailoverOutcome perform() {
        long start = System.nanoTime();
        Endpoint chosen = checkSentinels();
        try (Topology t = Topology.inspect(ctx); RedisLink sentinel = ctx.sentinelConnector.open(chosen)) {
            PrioritySteering steering = new PrioritySteering(ctx);
            long writable;
            long pausedAt;
            RuntimeException failure = null;
            try {
                steering.apply(t);
                new SentinelCandidates(ctx, sentinel).awaitOnlyTargetEligible(t);
                CatchUp.awaitBeforeChange(ctx, t);
                pausedAt = switchMaster(t, sentinel);
                FailoverVerifier verifier = new FailoverVerifier(ctx, t);
                writable = verifier.awaitWritableNewMaster();
                verifier.awaitReplicasFollow();
                verifier.awaitSentinelsAgree();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                List<String> problems = steering.restore();
                if (!problems.isEmpty()) {
                    FailoverException restoreFailure = FailoverException.failed(
                            "replica priorities not restored: " + String.join("; ", problems));
                    if (failure != null) {
                        failure.addSuppressed(restoreFailure);
                        ctx.warn(restoreFailure.getMessage());
                    } else {
                        throw restoreFailure;
                    }
                }
            }
            return ctx.outcome(FailoverMethod.SENTINEL, start, pausedAt, writable);
        }
    }

    /**
     * Enough sentinels answer to verify the result, and all of them name the current master.
     *
     * @return the first that answered: it will run the failover
     */
    private Endpoint checkSentinels() {
        Endpoint chosen = null;
        List<String> silent = new ArrayList<>();
        for (Endpoint s : ctx.sentinels.instances()) {
            try (RedisLink link = ctx.sentinelConnector.open(s)) {
                Optional<NodeAddress> a = link.sentinelMasterAddress(ctx.service.masterName());
                if (a.isEmpty()) {
                    throw FailoverException.refused("sentinel " + s + " does not monitor " + ctx.service.masterName()
                            + "; check master_name in the inventory");
                }
                if (!ctx.addresses.is(ctx.oldMaster, a.get().address(), a.get().port())) {
                    throw FailoverException.refused("sentinel " + s + " names " + ctx.describe(a.get().address(),
                            a.get().port()) + " as master of " + ctx.service.masterName() + ", expected " + ctx.oldMaster
                            + "; a failover may be in progress or the sentinels disagree: check `stagger status`");
                }
                chosen = chosen == null ? s : chosen;
            } catch (NodeUnavailable e) {
                silent.add(s.toString());
            }
        }
        int answering = ctx.sentinels.instances().size() - silent.size();
        if (answering < ctx.sentinels.votersNeeded()) {
            throw FailoverException.refused("only " + answering + " of " + ctx.sentinels.instances().size()
                    + " sentinels of " + ctx.sentinels.name() + " answer (silent: " + silent + "), "
                    + ctx.sentinels.votersNeeded() + " needed to agree on the new master; bring them back first");
        }
        return chosen;
    }

    /** Steps 4 and 5: returns when writes stopped being accepted on the old master. */
    private long switchMaster(Topology t, RedisLink sentinel) {
        Duration pause = ctx.settings.switchTimeout().plus(ctx.settings.commandTimeout());
        long pausedAt = System.nanoTime();
        t.master.pauseWrites(pause.toMillis());
        ctx.act("paused writes on " + ctx.oldMaster + " for at most " + Waiter.seconds(pause.toNanos()));
        boolean demoted = false;
        try {
            CatchUp.awaitWhilePaused(ctx, t);
            issueFailover(sentinel);
            awaitPromotion(t);
            t.master.replicaOf(t.targetReported);
            demoted = true;
            ctx.act("made " + ctx.oldMaster + " a replica of " + ctx.target + " (" + t.targetReported + ")");
            // The sentinels rewrite the configs of instances they reconfigure; this one they no longer need to.
            ctx.persistRole(t.master, ctx.oldMaster.toString(), "a replica of " + ctx.target);
        } finally {
            try {
                t.master.unpause();
                ctx.act("resumed writes on " + ctx.oldMaster + (demoted ? " (now a replica: writers get READONLY "
                        + "and must reconnect to " + ctx.target + ")" : ""));
            } catch (NodeUnavailable e) {
                ctx.warn("could not resume writes on " + ctx.oldMaster + " (" + e.getMessage()
                        + "); its pause ends by itself within " + Waiter.seconds(pause.toNanos()));
            }
        }
        return pausedAt;
    }

    /** Through the sentinel whose view of the replicas was checked: it is the one that selects. */
    private void issueFailover(RedisLink sentinel) {
        try {
            sentinel.sentinelFailover(ctx.service.masterName());
            ctx.act("SENTINEL FAILOVER " + ctx.service.masterName() + " sent to sentinel " + sentinel);
        } catch (NodeUnavailable e) {
            if (e.kind() == NodeUnavailable.Kind.NO_REPLY) {
                throw FailoverException.failed("SENTINEL FAILOVER through " + sentinel + " got no reply ("
                        + e.getMessage() + "); a failover may be in progress: check `stagger status`", e);
            }
            // Not retried through another sentinel: after -INPROG that would start a competing failover.
            throw FailoverException.refused("sentinel " + sentinel + " did not start the failover (" + e.getMessage()
                    + "); writes were resumed and nothing was changed. NOGOODSLAVE means it does not consider "
                    + ctx.target + " promotable: check SENTINEL REPLICAS " + ctx.service.masterName()
                    + "; INPROG means a failover is already running");
        }
    }

    private void awaitPromotion(Topology t) {
        Duration timeout = ctx.settings.switchTimeout();
        ctx.waiter.await(ctx.target + " to be promoted by the sentinels", timeout, () -> {
            RoleReply r = t.target.role();
            return r.isMaster() ? null : ctx.target + " reports " + r.describe();
        }, seen -> FailoverException.failed("the sentinels did not promote " + ctx.target + " within "
                + Waiter.seconds(timeout.toNanos()) + ": " + seen + "; expected role master. Writes on "
                + ctx.oldMaster + " are resumed. Check the sentinels' logs (+failover-state-*, -failover-abort-*) "
                + "and `stagger status`: a late promotion would leave two masters"));
    }
}
