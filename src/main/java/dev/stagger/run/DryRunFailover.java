package dev.stagger.run;

import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.function.Consumer;

/** {@code --dry-run}: says which failover would run and how it would be verified; moves nothing. */
public final class DryRunFailover implements FailoverAction {
    private final Consumer<String> say;

    public DryRunFailover(Consumer<String> say) {
        this.say = say;
    }

    @Override
    public void failover(Step step, StepAction.Failover action, ProgressListener progress) {
        say.accept("would fail " + action.service() + " over" + (action.to() == null ? "" : " to " + action.to())
                + (action.shard() == null ? "" : " (shard of " + action.shard() + ")")
                + " and verify it: new master's ROLE and a test write, old master replicating with link up, every sentinel agreeing");
    }

    @Override
    public boolean alreadyDone(Step step, StepAction.Failover action) {
        return false;
    }
}
