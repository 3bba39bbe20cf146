package dev.stagger.plan;

import dev.stagger.model.LoadedPlan;
import java.util.List;

/**
 * The planner's phases timed one by one, for the benchmark: analysis (steps, resources, bounds,
 * refusals, data-centre order), scheduling (the first strategy, DC-major first fit, which meets both
 * bounds on fleets laid out by data centre) and the result (failover chain, edge reduction, planned
 * steps). {@link Planner#plan} runs the same parts, and more strategies when the first is above a bound.
 */
public final class PlanPhases {
    /** Milliseconds of each phase, and the plan (null when the first strategy placed nothing). */
    public record Timing(long analysisMs, long schedulingMs, long resultMs, PlanResult result) {
    }

    private PlanPhases() {
    }

    public static Timing time(LoadedPlan loaded) {
        long t0 = System.nanoTime();
        Analysis a = new Analysis(loaded.plan(), loaded.inventory(), PlanOptions.DEFAULT);
        LowerBounds bounds = Bounds.of(a);
        new Refusals(a).find();
        List<List<Integer>> blocks = DcBlocks.form(a);
        List<String> reasons = blocks == null ? null : DcBlocks.reasons(a, blocks);
        int[] ranks = DcOrder.stepRanks(a, DcOrder.ranked(a));
        long t1 = System.nanoTime();
        Scheduler s = new Scheduler(a, false).dataCentreMajor(ranks);
        boolean placed = blocks != null && s.run(blocks, reasons);
        long t2 = System.nanoTime();
        PlanResult r = placed ? new ResultBuilder(a, s, bounds).build("", null) : null;
        long t3 = System.nanoTime();
        return new Timing((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, r);
    }
}
