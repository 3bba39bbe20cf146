package dev.stagger.plan;

import dev.stagger.model.Inventory;
import dev.stagger.model.Plan;
import java.util.ArrayList;
import java.util.List;
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
 */
final class Strategies {
    private final Plan plan;
    private final Inventory inventory;
    private final PlanOptions options;
    private final LowerBounds bounds;
    private Analysis unused;
    private PlanResult best;

    Strategies(Plan plan, Inventory inventory, PlanOptions options, Analysis analysis, LowerBounds bounds) {
        this.plan = plan;
        this.inventory = inventory;
        this.options = options;
        this.bounds = bounds;
        this.unused = analysis;
    }

    /** The best plan the strategies find within {@code blocks} (the max_down_dcs blocks), or null. */
    PlanResult best(List<List<Integer>> blocks, String why) {
        Analysis first = unused;
        List<String> blockReasons = DcBlocks.reasons(first, blocks);
        List<String> ranked = DcOrder.ranked(first);
        int[] ranks = DcOrder.stepRanks(first, ranked);
        if (ranked.size() > 1 && attempt(blocks, blockReasons, why, s -> s.dataCentreMajor(ranks))) {
            return best;
        }
        if (ranked.size() > 1 && best != null && best.failovers() > bounds.failovers()) {
            // Masters in the first data centre move twice: rank some hosts out of data-centre order.
            int[] better = ranks.clone();
            Recolouring.improve(first, better, ranked.size());
            if (attempt(blocks, blockReasons, why, s -> s.dataCentreMajor(better))) {
                return best;
            }
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

    /** One try; true when the best plan so far meets both bounds. */
    private boolean attempt(List<List<Integer>> blocks, List<String> reasons, String why, UnaryOperator<Scheduler> setup) {
        // Resources keep the lanes of the run that used them: every try gets a fresh analysis.
        Analysis a = unused != null ? unused : new Analysis(plan, inventory, options);
        unused = null;
        Scheduler s = setup.apply(new Scheduler(a, false));
        if (s.run(blocks, reasons)) {
            PlanResult r = new ResultBuilder(a, s, bounds).build(why, null);
            if (best == null || r.waves() < best.waves() || (r.waves() == best.waves() && r.failovers() < best.failovers())) {
                best = r;
            }
        }
        return best != null && best.waves() <= bounds.waves() && best.failovers() <= bounds.failovers();
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
