package dev.stagger.plan;

/**
 * How {@link Planner} may reorder a plan.
 *
 * @param maxParallel at most this many maintenance steps in progress at once; 0 means bounded by safety alone
 * @param keepOrder   keep the written sequence (one step at a time) and only insert failovers
 */
public record PlanOptions(int maxParallel, boolean keepOrder) {
    public static final PlanOptions DEFAULT = new PlanOptions(0, false);

    public PlanOptions {
        if (maxParallel < 0) {
            throw new IllegalArgumentException("maxParallel must be 0 (unbounded) or positive");
        }
    }
}
