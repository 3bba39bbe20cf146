package dev.stagger.live;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run's gate before every step of a plan, judged before the run starts: the pre-flight's view of
 * what {@code run} would stop on. Steps are taken one at a time in the plan's order (run's default
 * {@code --max-parallel 1}); each gate sees the cluster as the earlier failovers would leave it
 * ({@link SimulatedFailover}, as {@code run --dry-run} does) and the instances earlier {@code stop}
 * steps left down. So a failover that has a target now but not after an earlier step is judged at
 * that step, and a replica the plan never needs is never a blocker. Pure.
 */
public final class PlanGates {
    private PlanGates() {
    }

    /** Every gate finding, each naming its step; {@code stepsInOrder} must list a step after those it follows. */
    public static List<Diagnostic> check(Inventory inventory, LiveSnapshot snapshot, List<Step> stepsInOrder) {
        List<Diagnostic> out = new ArrayList<>();
        LiveSnapshot now = snapshot;
        Set<Instance> down = new TreeSet<>();
        for (Step step : stepsInOrder) {
            out.addAll(LiveChecker.checkBeforeStep(inventory, now, step, down));
            if (step.action() instanceof StepAction.Failover fo) {
                Optional<Endpoint> target = target(inventory, now, fo, down);
                if (target.isPresent()) {
                    now = SimulatedFailover.apply(inventory, now, fo.service(), target.get());
                }
            } else if (step.action() instanceof StepAction.Stop) {
                down.addAll(instancesOf(inventory, step));
            } else if (step.action() instanceof StepAction.Start) {
                down.removeAll(instancesOf(inventory, step));
            }
        }
        return out;
    }

    /** The target the run would fail over to (as {@code run --dry-run} chooses it). */
    private static Optional<Endpoint> target(Inventory inventory, LiveSnapshot now, StepAction.Failover fo,
                                             Set<Instance> down) {
        if (fo.to() == null && fo.shard() != null
                && inventory.service(fo.service()).orElse(null) instanceof RedisClusterService c) {
            // A shard whose master already moved off `shard:` needs nothing, as in the real failover.
            Optional<Endpoint> master = ClusterSnapshot.of(inventory, c, now).liveMasterOf(fo.shard());
            if (master.isPresent() && !master.get().equals(fo.shard())) {
                return Optional.empty();
            }
        }
        return LiveChecker.failoverTarget(inventory, now, fo, down);
    }

    private static Set<Instance> instancesOf(Inventory inventory, Step step) {
        Set<Instance> out = new TreeSet<>();
        for (Target t : step.targets()) {
            out.addAll(inventory.instancesOf(t));
        }
        return out;
    }
}
