package dev.stagger.plan;

/**
 * How {@link Planner} may reorder a plan, and how hard it searches.
 *
 * @param maxParallel at most this many maintenance steps in progress at once; 0 means bounded by safety alone
 * @param keepOrder   keep the written sequence (one step at a time) and only insert failovers
 * @param retries     tries of the greedy with shuffled priorities, on plans of up to
 *                    {@link Planner#RETRY_STEPS} steps, when the cheap strategies stay above a bound
 * @param exactSearch whether small plans above a bound get the exhaustive search (tests turn it off
 *                    to measure the greedy alone)
 */
public record PlanOptions(int maxParallel, boolean keepOrder, int retries, boolean exactSearch) {
    public static final int DEFAULT_RETRIES = 12;
    public static final PlanOptions DEFAULT = new PlanOptions(0, false);

    public PlanOptions {
        if (maxParallel < 0) {
            throw new IllegalArgumentException("maxParallel must be 0 (unbounded) or positive");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more");
        }
    }

    public PlanOptions(int maxParallel, boolean keepOrder) {
        this(maxParallel, keepOrder, DEFAULT_RETRIES, true);
    }

    /** The same options with another search effort. */
    public PlanOptions withSearch(int retries, boolean exactSearch) {
        return new PlanOptions(maxParallel, keepOrder, retries, exactSearch);
    }
}
