package dev.stagger.run;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --dry-run}: says which failover would run and how it would be verified; moves nothing. The
 * target is resolved by the real action when there is one (reading is harmless), so the dry run
 * names the replica a real run would promote.
 */
public final class DryRunFailover implements FailoverAction {
    private final Consumer<String> say;
    private final FailoverAction resolver;
    private final java.util.Set<String> moved = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param resolver the real action, used only for {@link #target}; null to report {@code to:} alone */
    public DryRunFailover(Consumer<String> say, FailoverAction resolver) {
        this.say = say;
        this.resolver = resolver;
    }

    public DryRunFailover(Consumer<String> say) {
        this(say, null);
    }

    @Override
    public Endpoint target(Step step, StepAction.Failover action) {
        if (resolver != null) {
            return resolver.target(step, action);
        }
        return action.to();
    }

    @Override
    public List<String> failover(Step step, StepAction.Failover action, Endpoint target, Consumer<String> progress) {
        moved.add(action.service());
        say.accept("would fail " + action.service() + " over" + (target == null ? "" : " to " + target)
                + (action.shard() == null ? "" : " (shard of " + action.shard() + ")")
                + " and verify it: new master's ROLE and a test write, old master replicating with link up, every sentinel agreeing");
        return List.of();
    }

    /** True once a dry failover of the service was "performed": a real run would have moved its master. */
    boolean moved(String service) {
        return moved.contains(service);
    }

    @Override
    public boolean alreadyDone(Step step, StepAction.Failover action, Endpoint target) {
        return false;
    }
}
