package dev.stagger.run;

import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.List;

/** Records failovers; {@code alreadyDone} answers what the test says the cluster looks like. */
final class FakeFailover implements FailoverAction {
    final List<String> performed = new ArrayList<>();
    boolean looksDone;

    @Override
    public synchronized void failover(Step step, StepAction.Failover action, ProgressListener progress) {
        performed.add(step.id() + " " + action.service() + " to " + action.to());
    }

    @Override
    public boolean alreadyDone(Step step, StepAction.Failover action) {
        return looksDone;
    }
}
