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
 * {@code --dry-run}: says which failover would run and how it would be verified; moves nothing, but
 * remembers the move so that later gates and targets are judged on the cluster a real run would have
 * made. The target is resolved on that simulated cluster (reading is harmless), so the dry run names
 * the replica a real run would promote.
 */
public final class DryRunFailover implements FailoverAction {
    private final Consumer<String> say;
    private final DryRunCluster cluster;
    private final List<DryRunMove> moves = new ArrayList<>();

    /** @param cluster resolves targets; null to report {@code to:} alone */
    public DryRunFailover(Consumer<String> say, DryRunCluster cluster) {
        this.say = say;
        this.cluster = cluster;
    }

    public DryRunFailover(Consumer<String> say) {
        this(say, null);
    }

    @Override
    public Endpoint target(Step step, StepAction.Failover action, Set<Instance> downNow) {
        return cluster == null ? action.to() : cluster.failoverTarget(step, action, moves(), downNow);
    }

    @Override
    public List<String> failover(Step step, StepAction.Failover action, Endpoint target, Consumer<String> progress) {
        if (target != null) {
            synchronized (moves) {
                moves.add(new DryRunMove(action.service(), target));
            }
        }
        say.accept("would fail " + action.service() + " over" + (target == null ? "" : " to " + target)
                + (action.shard() == null ? "" : " (shard of " + action.shard() + ")")
                + " and verify it: new master's ROLE and a test write, old master replicating with link up, every sentinel agreeing"
                + (action.shard() == null ? "; if the new master refused the test write, fail back to the old master" : ""));
        return List.of();
    }

    /** The moves a real run would have made so far, in order. */
    List<DryRunMove> moves() {
        synchronized (moves) {
            return List.copyOf(moves);
        }
    }

    @Override
    public boolean alreadyDone(Step step, StepAction.Failover action, Endpoint target) {
        return false;
    }
}
