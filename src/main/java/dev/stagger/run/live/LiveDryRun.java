package dev.stagger.run.live;

import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.live.SimulatedFailover;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.run.DryRunCluster;
import dev.stagger.run.DryRunMove;
import dev.stagger.run.GateVerdict;
import dev.stagger.run.RunFailure;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --dry-run} against the live cluster: every gate and failover target probes for real, then
 * applies the dry run's failovers so far ({@link SimulatedFailover}) before the rules read the
 * snapshot. Targets are chosen as {@link LiveFailover} chooses them, on the simulated cluster.
 */
final class LiveDryRun implements DryRunCluster {
    private static final String PHASE = "failover";

    private final Inventory inventory;
    private final LiveProber prober;
    private final LiveGate gate;

    LiveDryRun(Inventory inventory, LiveProber prober, LiveGate gate) {
        this.inventory = inventory;
        this.prober = prober;
        this.gate = gate;
    }

    @Override
    public GateVerdict check(Step step, Set<Instance> downNow, List<DryRunMove> moves) {
        return gate.check(step, downNow, snapshot -> simulate(snapshot, moves));
    }

    @Override
    public Endpoint failoverTarget(Step step, StepAction.Failover f, List<DryRunMove> moves, Set<Instance> downNow) {
        if (f.to() != null) {
            return f.to();
        }
        LiveSnapshot snapshot = simulate(prober.probe(inventory), moves);
        Optional<Endpoint> moved = LiveChecker.shardMovedTo(inventory, snapshot, f);
        if (moved.isPresent()) {
            return moved.get();
        }
        return LiveChecker.failoverTarget(inventory, snapshot, f, downNow)
                .orElseThrow(() -> RunFailure.refused(step.id(), PHASE, "no replica of " + f.service()
                        + (f.shard() == null ? "" : " shard " + f.shard())
                        + " is reachable and in sync, so there is nothing to fail over to", null));
    }

    private LiveSnapshot simulate(LiveSnapshot probed, List<DryRunMove> moves) {
        LiveSnapshot s = probed;
        for (DryRunMove m : moves) {
            s = SimulatedFailover.apply(inventory, s, m.service(), m.newMaster());
        }
        return s;
    }
}
