package dev.stagger.plan;

import dev.stagger.concurrent.Beside;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The cheap greedy strategies, run in turn at every size; the best plan is kept (fewest waves, then
 * fewest failovers) and the tries stop as soon as one meets both lower bounds:
 * <ol>
 * <li>DC-major first fit: data centres with the fewest Redis masters first (optimal on fleets laid
 *     out by data centre, stagger issue 12);
 * <li>DC blocks: one data centre after another, each complete before the next starts;
 * <li>today's priorities (written chains, replicas before masters, the most loaded resource);
 * <li>on small plans, shuffled tries of those priorities ({@link PlanOptions#retries}).
 * </ol>
 *
 * <p>With {@code speculate} (large plans), the recoloured DC-major try runs on a second core beside
 * the first one, which it follows when masters sit in every data centre; it is used exactly where
 * the tries in turn would have run it.
 */
final class Strategies {
    private final PlanOptions options;
    /** The lower bounds, perhaps still being worked out on another core: asked for when a try is kept. */
    private final Supplier<LowerBounds> bounds;
    private final boolean speculate;
    /** The analysis as built: each try runs on a copy with its own lanes, the first on this one. */
    private final Analysis first;
    private boolean firstUsed;
    private PlanResult best;
    /** Set once {@link #best} has its answer: a speculative try not yet begun need not begin. */
    private volatile boolean settled;

    Strategies(PlanOptions options, Analysis analysis, Supplier<LowerBounds> bounds, boolean speculate) {
        this.options = options;
        this.bounds = bounds;
        this.first = analysis;
        this.speculate = speculate;
    }

    /** The best plan the strategies find within {@code blocks} (the max_down_dcs blocks), or null. */
    PlanResult best(List<List<Integer>> blocks, String why) {
        try {
            return tries(blocks, why);
        } finally {
            settled = true;
        }
    }

    private PlanResult tries(List<List<Integer>> blocks, String why) {
        List<String> blockReasons = DcBlocks.reasons(first, blocks);
        List<String> ranked = DcOrder.ranked(first);
        int[] ranks = DcOrder.stepRanks(first, ranked);
        Beside<PlanResult> early = speculate && ranked.size() > 1
                ? Beside.start(true, "stagger-plan-recoloured", () -> recoloured(ranks, ranked.size(), blocks, blockReasons, why)) : null;
        if (ranked.size() > 1 && attempt(blocks, blockReasons, why, s -> s.dataCentreMajor(ranks))) {
            dropIfAny(early);
            return best;
        }
        if (ranked.size() > 1 && best != null && best.failovers() > bounds.get().failovers()) {
            // Masters in the first data centre move twice: rank some hosts out of data-centre order.
            if (keep(early != null ? early.get() : recoloured(ranks, ranked.size(), blocks, blockReasons, why))) {
                return best;
            }
        } else {
            dropIfAny(early);
        }
        if (ranked.size() > 1 && blocks.size() == 1) {
            List<String> dcReasons = new ArrayList<>();
            List<List<Integer>> dcBlocks = dcBlocks(first, ranks, ranked.size(), dcReasons);
            if (dcBlocks != null && attempt(dcBlocks, dcReasons, why, s -> s)) {
                return best;
            }
        }
        int tries = first.work.size() <= Planner.RETRY_STEPS ? Math.max(1, options.retries()) : 1;
        for (int v = 0; v < tries; v++) {
            int variant = v;
            if (attempt(blocks, blockReasons, why, s -> s.variant(variant))) {
                return best;
            }
        }
        return best;
    }

    /**
     * The DC-major try with the ranks improved by {@link Recolouring}; null when it places nothing,
     * or when the ranks stay as they were: the try would repeat the first one, plan for plan.
     */
    private PlanResult recoloured(int[] ranks, int dcs, List<List<Integer>> blocks, List<String> reasons, String why) {
        int[] better = ranks.clone();
        Recolouring.improve(first, better, dcs);
        if (settled || java.util.Arrays.equals(better, ranks)) {
            return null;
        }
        return run(first.withFreshLanes(), blocks, reasons, why, s -> s.dataCentreMajor(better));
    }

    private static void dropIfAny(Beside<?> s) {
        if (s != null) {
            s.drop();
        }
    }

    /** One try; true when the best plan so far meets both bounds. */
    private boolean attempt(List<List<Integer>> blocks, List<String> reasons, String why, UnaryOperator<Scheduler> setup) {
        // Resources keep the lanes of the run that used them: every try after the first gets fresh ones.
        Analysis a = firstUsed ? first.withFreshLanes() : first;
        firstUsed = true;
        return keep(run(a, blocks, reasons, why, setup));
    }

    /** The plan of one try on {@code a}, or null when it places nothing. */
    private PlanResult run(Analysis a, List<List<Integer>> blocks, List<String> reasons, String why, UnaryOperator<Scheduler> setup) {
        Scheduler s = setup.apply(new Scheduler(a, false));
        return s.run(blocks, reasons) ? new ResultBuilder(a, s, bounds.get()).build(why, null) : null;
    }

    /** Keeps {@code r} when it beats the best so far (fewer waves, then fewer failovers); true when the best meets both bounds. */
    private boolean keep(PlanResult r) {
        if (r != null && (best == null || r.waves() < best.waves() || (r.waves() == best.waves() && r.failovers() < best.failovers()))) {
            best = r;
        }
        return best != null && best.waves() <= bounds.get().waves() && best.failovers() <= bounds.get().failovers();
    }

    /**
     * One block per data centre in rank order, a step in the block of the latest data centre it takes
     * down; null when a written {@code after} edge leads back to an earlier data centre. The blocks
     * order only the scheduling ({@code reasons} gets nulls): the lanes order the steps that conflict.
     */
    private static List<List<Integer>> dcBlocks(Analysis a, int[] ranks, int dcs, List<String> reasons) {
        int[] blockOf = new int[a.work.size()];
        for (int i : a.topological()) {
            Work w = a.work.get(i);
            int atLeast = 0;
            for (int p : w.preds()) {
                atLeast = Math.max(atLeast, blockOf[p]);
            }
            if (w.down().isEmpty()) {
                blockOf[i] = atLeast;
            } else if (ranks[i] < atLeast) {
                return null;
            } else {
                blockOf[i] = ranks[i];
            }
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int b = 0; b < dcs; b++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < blockOf.length; i++) {
            out.get(blockOf[i]).add(i);
        }
        out.removeIf(List::isEmpty);
        for (int b = 0; b < out.size(); b++) {
            reasons.add(null);
        }
        return out;
    }
}
