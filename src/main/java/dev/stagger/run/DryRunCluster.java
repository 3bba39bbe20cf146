package dev.stagger.run;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.List;
import java.util.Set;

/**
 * The live cluster as {@code --dry-run} sees it: probed for real, with the dry run's own failovers so
 * far applied on top. A dry run moves no master, so without them the gate after a dry failover would
 * still see the old master and report {@code master-down} that a real run would not meet.
 */
public interface DryRunCluster {
    /** The gate before {@code step}, judged on the probed cluster with {@code moves} applied in order. */
    GateVerdict check(Step step, Set<Instance> downNow, List<DryRunMove> moves);

    /**
     * The replica a real run would promote, on the same simulated cluster; throws {@link RunFailure}
     * (refused) when there is none, as the real failover would.
     */
    Endpoint failoverTarget(Step step, StepAction.Failover failover, List<DryRunMove> moves, Set<Instance> downNow);

    /**
     * For parts that cannot simulate (test fakes): the live gate and targets, moves ignored. Only
     * right for plans without failovers, or gates that do not look at masters.
     */
    static DryRunCluster unsimulated(Gate gate, FailoverAction targets) {
        return new DryRunCluster() {
            @Override
            public GateVerdict check(Step step, Set<Instance> downNow, List<DryRunMove> moves) {
                return gate.check(step, downNow);
            }

            @Override
            public Endpoint failoverTarget(Step step, StepAction.Failover failover, List<DryRunMove> moves,
                                           Set<Instance> downNow) {
                return targets == null ? failover.to() : targets.target(step, failover, downNow);
            }
        };
    }
}
