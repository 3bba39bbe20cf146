package dev.stagger.live;

import dev.stagger.live.redis.Addresses;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
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
 * that step, and a replica the plan never needs is never a blocker. Beyond the gates, a replica a
 * step restarts while it is out of sync is reported at that step: the run would wait for it to be
 * ready after the restart and halt there. Pure.
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
            if (step.action() instanceof StepAction.Maintain || step.action() instanceof StepAction.Start) {
                out.addAll(restartedOutOfSync(inventory, now, step));
            }
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

    /**
     * A replica the step restarts must come back linked and not syncing before the step is done (run
     * step 5, within ready_timeout); one out of sync now will most likely not: a restart clears a
     * stale link, not a wrong masterauth, a cut network or the wrong master. So the run would halt
     * after that step, with the step half done.
     */
    private static List<Diagnostic> restartedOutOfSync(Inventory inventory, LiveSnapshot now, Step step) {
        Findings f = new Findings(step.position(), List.of(step.id()));
        String why = "; step " + step.id() + " restarts it, and run waits after the restart until it is linked and in"
                + " sync, and halts there (exit 3) if it is not within ready_timeout";
        Addresses addresses = new Addresses(inventory);
        Set<Instance> restarted = instancesOf(inventory, step);
        for (Service s : inventory.services().values()) {
            List<Endpoint> mine = s.instances().stream().filter(e -> restarted.contains(new Instance(s.name(), e))).toList();
            if (mine.isEmpty()) {
                continue;
            }
            if (s instanceof RedisService r) {
                GroupRules.replicaSync(new GroupState(inventory, r, now, addresses), mine, f, why);
            } else if (s instanceof RedisClusterService c) {
                ClusterRules.replicaSync(ClusterSnapshot.of(inventory, c, now), mine, inventory.policy().maxLagBytes(), why, f);
            }
        }
        return f.list();
    }

    /** The target the run would fail over to (as {@code run --dry-run} chooses it). */
    private static Optional<Endpoint> target(Inventory inventory, LiveSnapshot now, StepAction.Failover fo,
                                             Set<Instance> down) {
        if (fo.to() == null && LiveChecker.shardMovedTo(inventory, now, fo).isPresent()) {
            return Optional.empty(); // nothing to simulate: the master is already off `shard:`
        }
        return LiveChecker.failoverTarget(inventory, now, fo, down);
    }

    private static Set<Instance> instancesOf(Inventory inventory, Step step) {
        return inventory.instancesOf(step.targets());
    }
}
