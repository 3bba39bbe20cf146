package dev.stagger.run;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A real run's failovers, followed by a look at the run lock: a failover may have moved the master
 * that holds the lock key. What the look found is said and journaled with the failover's actions; a
 * lock that someone else now holds stops the run at its next safe point (through the lock's own
 * {@code onLost}).
 */
final class LockKeepingFailover implements FailoverAction {
    private final FailoverAction failover;
    private final ClusterLock lock;

    LockKeepingFailover(FailoverAction failover, ClusterLock lock) {
        this.failover = failover;
        this.lock = lock;
    }

    @Override
    public Endpoint target(Step step, StepAction.Failover action, Set<Instance> downNow) {
        return failover.target(step, action, downNow);
    }

    @Override
    public List<String> failover(Step step, StepAction.Failover action, Endpoint target, Consumer<String> progress) {
        List<String> actions = new ArrayList<>(failover.failover(step, action, target, progress));
        String lockState = lock.recheck();
        progress.accept(lockState);
        actions.add(lockState);
        return actions;
    }

    @Override
    public boolean alreadyDone(Step step, StepAction.Failover action, Endpoint target) {
        return failover.alreadyDone(step, action, target);
    }
}
