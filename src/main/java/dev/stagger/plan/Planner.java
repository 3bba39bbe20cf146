package dev.stagger.plan;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Plan;
import dev.stagger.model.Severity;
import java.util.List;

/**
 * Turns any plan into a safe one in {@code order: graph}: every written {@code after} edge kept,
 * only the ordering edges safety needs added, failovers inserted before every step that takes a
 * Redis master down, as few waves as the greedy scheduler finds, then as few failovers. Refuses,
 * with the rule, the step and the smallest fix, when a step alone can never be safe.
 */
public final class Planner {
    private Planner() {
    }

    public static PlanResult plan(LoadedPlan loaded, PlanOptions options) {
        return plan(loaded.plan(), loaded.inventory(), options);
    }

    /**
     * Plans against the given inventory: the loaded one, or one whose masters and states were read
     * from the live cluster ({@code --live}).
     */
    public static PlanResult plan(Plan plan, Inventory inventory, PlanOptions options) {
        Analysis analysis = new Analysis(plan, inventory, options);
        LowerBounds bounds = Bounds.of(analysis);
        List<Diagnostic> refusals = new Refusals(analysis).find();
        if (!refusals.isEmpty()) {
            return PlanResult.refused(refusals, bounds);
        }
        if (!options.keepOrder()) {
            List<List<Integer>> blocks = DcBlocks.form(analysis);
            if (blocks != null) {
                Scheduler s = new Scheduler(analysis, false);
                if (s.run(blocks, DcBlocks.reasons(analysis, blocks))) {
                    return new ResultBuilder(analysis, s, bounds).build(blocks.size() > 1
                            ? "max_down_dcs: the data centres are maintained in " + blocks.size() + " blocks, one after another"
                            : "the waves are packed greedily; the bound (" + bounds.wavesWhy() + ") is not always reachable");
                }
            }
        }
        // One step at a time: asked for, or the only order the written edges and failover targets allow.
        Analysis one = new Analysis(plan, inventory, new PlanOptions(options.maxParallel(), true));
        Scheduler s = new Scheduler(one, true);
        if (s.run(List.of(allSteps(one)), List.of(""))) {
            return new ResultBuilder(one, s, bounds).build(options.keepOrder()
                    ? "--keep-order runs the steps one at a time, as written"
                    : "the written after edges and failover targets allow only one step at a time");
        }
        return PlanResult.refused(List.of(new Diagnostic(dev.stagger.model.Position.of(plan.file()), Severity.ERROR,
                "no-failover-target", List.of(), null,
                "no order of the steps leaves a replica up for every failover: stopped replicas never come back",
                "start the stopped replicas before the steps that take their masters down")), bounds);
    }

    private static List<Integer> allSteps(Analysis a) {
        return a.topological().stream().sorted().toList();
    }
}
