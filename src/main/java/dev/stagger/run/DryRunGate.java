package dev.stagger.run;

import dev.stagger.model.Instance;
import dev.stagger.model.Step;
import java.util.Set;

/**
 * {@code --dry-run}'s gate: every live rule, judged on the cluster as the dry failovers so far would
 * have left it (the old master a replica of the new one, the sentinels agreeing), with the targets of
 * steps in progress and completed stops down. Nothing is forgiven by name: a blocker a real run would
 * meet stands, one it would not meet does not arise.
 */
final class DryRunGate implements Gate {
    private final DryRunCluster cluster;
    private final DryRunFailover failovers;

    DryRunGate(DryRunCluster cluster, DryRunFailover failovers) {
        this.cluster = cluster;
        this.failovers = failovers;
    }

    @Override
    public GateVerdict check(Step step, Set<Instance> downNow) {
        return cluster.check(step, downNow, failovers.moves());
    }
}
