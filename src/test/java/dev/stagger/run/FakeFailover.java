package dev.stagger.run;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records failovers; {@code alreadyDone} answers what the test says the cluster looks like. */
final class FakeFailover implements FailoverAction {
    final List<String> performed = new ArrayList<>();
    final List<String> checkedDone = new ArrayList<>();
    boolean looksDone;
    /** When set, every failover refuses with this message (nothing changed). */
    String refuse;

    @Override
    public Endpoint target(Step step, StepAction.Failover action, java.util.Set<dev.stagger.model.Instance> downNow) {
        return action.to();
    }

    @Override
    public synchronized List<String> failover(Step step, StepAction.Failover action, Endpoint target,
                                              Consumer<String> progress) {
        if (refuse != null) {
            throw RunFailure.refused(step.id(), "failover", refuse, null);
        }
        performed.add(step.id() + " " + action.service() + " to " + target);
        progress.accept("moved " + action.service());
        return List.of("promoted " + target);
    }

    @Override
    public boolean alreadyDone(Step step, StepAction.Failover action, Endpoint target) {
        checkedDone.add(step.id() + " " + target);
        return looksDone;
    }
}
