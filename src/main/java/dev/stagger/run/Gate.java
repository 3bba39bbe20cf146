package dev.stagger.run;

import dev.stagger.model.Instance;
import dev.stagger.model.Step;
import java.util.Set;

/**
 * The safety check before a step starts: every rule evaluated against the cluster as it is now, as
 * if the step started now. The executor re-checks until the verdict is safe or {@code --wait-safe}
 * runs out.
 */
@FunctionalInterface
public interface Gate {
    /**
     * @param downNow instances that are down, or may go down at any moment, because of this run:
     *                the targets of every step in progress and of completed {@code stop} steps
     *                (hosts the inventory declares down are the gate's own business)
     */
    GateVerdict check(Step step, Set<Instance> downNow);

    /** A gate that lets everything through: for plans checked elsewhere and for tests. */
    Gate ALWAYS_SAFE = (step, downNow) -> GateVerdict.safe();
}
