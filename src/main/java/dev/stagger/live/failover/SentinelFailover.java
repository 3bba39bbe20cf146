package dev.stagger.live.failover;

import dev.stagger.model.Endpoint;
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
 *   <li>Wait, still without touching writes, for the moment when the sentinel will see the promotion
 *       at once ({@link SwitchTiming}, {@link RefreshWindow}).</li>
 *   <li>{@code SENTINEL FAILOVER}; pause writes on the old master one sentinel tick before the
 *       promotion; once the target is master with every paused write, make the old master its
 *       replica, lift the pause and disconnect the old master's clients ({@link TimedSwitch}). Without
 *       the pause, a write acknowledged by another replica after the target's promotion is lost when
 *       that replica is re-pointed: sentinels do not stop writes on the old master. With a sentinel
 *       too slow to answer for that, the pause comes before {@code SENTINEL FAILOVER}
 *       ({@link PausedSwitch}).</li>
 *   <li>Restore the priorities as soon as the target is promoted (before the sentinels re-read
 *       the replicas), then verify: new master writable, replicas linked, sentinels agree.</li>
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
                // At once, not after the verification: the sentinels re-read every replica's INFO just
                // after they switch to the new master and then cache it for an INFO period (10 s), so a
                // priority restored later would leave them answering NOGOODSLAVE (or skipping the
                // replica in a real outage) for that long. The target is chosen and promoted: the
                // steering has done its job.
                throwIfNotRestored(steering.restore());
                FailoverVerifier verifier = new FailoverVerifier(ctx, t);
                writable = verifier.awaitWritableNewMaster();
                verifier.awaitReplicasFollow();
                verifier.awaitSentinelsAgree();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } finally {
                List<String> problems = steering.restore();
                if (!problems.isEmpty() && failure != null) {
                    FailoverException restoreFailure = notRestored(problems);
                    failure.addSuppressed(restoreFailure);
                    ctx.warn(restoreFailure.getMessage());
                }
                if (failure == null) {
                    throwIfNotRestored(problems);
                }
            }
            return ctx.outcome(FailoverMethod.SENTINEL, start, pausedAt, writable);
        }
    }

    private static void throwIfNotRestored(List<String> problems) {
        if (!problems.isEmpty()) {
            throw notRestored(problems);
        }
    }

    private static FailoverException notRestored(List<String> problems) {
        return FailoverException.failed("replica priorities not restored: " + String.join("; ", problems));
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

    /**
     * Steps 4 to 6: switches the master the fastest way the sentinel's timing allows; returns when
     * writes stopped being accepted on the old master.
     */
    private long switchMaster(Topology t, RedisLink sentinel) {
        SwitchTiming.Way way = new SwitchTiming(ctx, sentinel).await(t);
        FailingOverSentinel driver = new FailingOverSentinel(ctx, sentinel);
        return way == SwitchTiming.Way.PAUSED_FIRST ? new PausedSwitch(ctx, t, driver).perform()
                : new TimedSwitch(ctx, t, driver).perform();
    }
}
