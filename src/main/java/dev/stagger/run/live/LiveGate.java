package dev.stagger.run.live;

import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.run.Gate;
import dev.stagger.run.GateVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * SPEC run step 1: probe the whole cluster now and check every live rule for the step as if it
 * started now. Only errors block; warnings (drift) are the operator's to read in {@code status}.
 * A probe that fails is an unhealthy instance, which the rules turn into a blocker. Redis groups,
 * Redis Cluster shards (CLUSTER NODES through the probes), sentinels and app pools are all covered
 * by {@link LiveChecker#checkBeforeStep}.
 */
final class LiveGate implements Gate {
    private final Inventory inventory;
    private final LiveProber prober;
    /** Rules the operator has accepted for this run ({@code --allow-full-resync}): not blockers. */
    private final Set<String> allowed;

    LiveGate(Inventory inventory, LiveProber prober) {
        this(inventory, prober, Set.of());
    }

    LiveGate(Inventory inventory, LiveProber prober, Set<String> allowed) {
        this.inventory = inventory;
        this.prober = prober;
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public GateVerdict check(Step step, Set<Instance> downNow) {
        return check(step, downNow, UnaryOperator.identity());
    }

    /** @param simulate turns the probed snapshot into the one to judge ({@code --dry-run} applies its failovers) */
    GateVerdict check(Step step, Set<Instance> downNow, UnaryOperator<LiveSnapshot> simulate) {
        List<Diagnostic> blockers = new ArrayList<>();
        try {
            LiveSnapshot snapshot = simulate.apply(prober.probe(inventory));
            LiveChecker.checkBeforeStep(inventory, snapshot, step, downNow).stream()
                    .filter(d -> d.severity() == Severity.ERROR && !allowed.contains(d.rule())).forEach(blockers::add);
        } catch (RuntimeException e) {
            blockers.add(new Diagnostic(step.position(), Severity.ERROR, "unreachable", List.of(step.id()), null,
                    "probing the cluster failed: " + e.getMessage(), "check the inventory's addresses and credentials"));
        }
        return GateVerdict.of(blockers);
    }
}
