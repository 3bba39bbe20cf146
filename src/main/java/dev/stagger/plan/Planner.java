package dev.stagger.plan;

import dev.stagger.concurrent.Beside;
import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
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
        return plan(plan, inventory, options, true);
    }

    /**
     * @param secondCore whether a large plan may run its likely next strategy beside the current one
     *                   ({@link Beside}); the plan is the same either way
     */
    static PlanResult plan(Plan plan, Inventory inventory, PlanOptions options, boolean secondCore) {
        return KeptFailovers.keep(plan, inventory, planned(plan, inventory, options, secondCore));
    }

    /** The planner's own plan: the failovers safety needs, none the operator wrote beyond them. */
    static PlanResult planned(Plan plan, Inventory inventory, PlanOptions options) {
        return planned(plan, inventory, options, true);
    }

    private static PlanResult planned(Plan plan, Inventory inventory, PlanOptions options, boolean secondCore) {
        Analysis analysis = new Analysis(plan, inventory, options);
        if (secondCore && analysis.work.size() >= SPECULATE_STEPS && !options.keepOrder()) {
            return checkedBeside(plan, inventory, options, analysis);
        }
        LowerBounds bounds = Bounds.of(analysis);
        List<Diagnostic> refusals = new Refusals(analysis).find();
        if (!refusals.isEmpty()) {
            return refused(plan, inventory, options, analysis, bounds, refusals);
        }
        return planned(plan, inventory, options, analysis, bounds,
                greedy(plan, inventory, options, analysis, () -> bounds, secondCore));
    }

    /** The bounds and refusals of a plan, worked out together on a second core. */
    private record Checked(LowerBounds bounds, List<Diagnostic> refusals) {
    }

    /**
     * {@link #planned} with the bounds and refusals (both read the analysis and change nothing) worked
     * out on a second core while the greedy plan is made: a tenth of the planning of a 50,000-host
     * fleet. Each is read where the sequential planner reads it, so the plan is the same: a plan with
     * refusals gets them (the greedy plan made meanwhile, or what it threw, is dropped), with the
     * analysis's lanes as before any run.
     */
    private static PlanResult checkedBeside(Plan plan, Inventory inventory, PlanOptions options, Analysis analysis) {
        Beside<Checked> checked = Beside.start(true, "stagger-plan-bounds",
                () -> new Checked(Bounds.of(analysis), new Refusals(analysis).find()));
        PlanResult greedy = null;
        RuntimeException failed = null;
        try {
            greedy = greedy(plan, inventory, options, analysis, () -> checked.get().bounds(), true);
        } catch (RuntimeException e) {
            failed = e;
        }
        Checked c = checked.get();
        if (!c.refusals().isEmpty()) {
            return refused(plan, inventory, options, analysis.withFreshLanes(), c.bounds(), c.refusals());
        }
        if (failed != null) {
            throw failed;
        }
        return planned(plan, inventory, options, analysis, c.bounds(), greedy);
    }

    /** A plan with refusals: refused, unless it starts hosts declared down and a safe order exists. */
    private static PlanResult refused(Plan plan, Inventory inventory, PlanOptions options, Analysis analysis,
                                      LowerBounds bounds, List<Diagnostic> refusals) {
        // The refusals count hosts declared down as down for good; a plan that starts them may still have a safe order.
        PlanResult revived = options.keepOrder() || !startsDownHosts(analysis) ? null
                : exact(plan, inventory, options, analysis, bounds, null);
        return revived != null ? revived : PlanResult.refused(refusals, bounds);
    }

    /** The plan once the greedy scheduler has answered ({@code greedy}, null when it placed nothing). */
    private static PlanResult planned(Plan plan, Inventory inventory, PlanOptions options, Analysis analysis,
                                      LowerBounds bounds, PlanResult greedy) {
        List<Diagnostic> unsafe = unsafe(greedy, analysis);
        if (!unsafe.isEmpty()) {
            greedy = null;
        }
        if (greedy != null && (options.keepOrder() || (greedy.waves() <= bounds.waves() && greedy.failovers() <= bounds.failovers()))) {
            return greedy;
        }
        PlanResult exact = options.keepOrder() || !options.exactSearch() ? null : exact(plan, inventory, options, analysis, bounds, greedy);
        if (exact != null) {
            return exact;
        }
        if (greedy != null) {
            return greedy;
        }
        if (!unsafe.isEmpty()) {
            return PlanResult.refused(unsafe, bounds);
        }
        return PlanResult.refused(List.of(new Diagnostic(dev.stagger.model.Position.of(plan.file()), Severity.ERROR,
                "no-failover-target", List.of(), null,
                "no order of the steps leaves a replica up for every failover: stopped replicas never come back",
                "start the stopped replicas before the steps that take their masters down")), bounds);
    }

    /**
     * The checker's errors for a planned plan, empty when it validates. Planning models the rules by
     * capacities and chains; on plans small enough to check in milliseconds the checker has the last
     * word, so a corner the model misses (a stop on a host already down in a pool already below
     * min_healthy) becomes a refusal with the checker's reasons instead of a plan that does not validate.
     */
    private static List<Diagnostic> unsafe(PlanResult r, Analysis a) {
        if (r == null || a.work.size() > CHECKED_STEPS) {
            return List.of();
        }
        return Checker.check(a.inventory, StepGraph.of(r.plan())).stream().filter(Diagnostic::isError).toList();
    }

    /** Plans up to this many steps get {@link PlanOptions#retries} tries of the greedy with shuffled priorities. */
    static final int RETRY_STEPS = 400;

    /**
     * Plans of this many steps or more run the likely next strategy on a second core beside the
     * current one ({@link Beside}); below it a strategy takes milliseconds, less than a thread.
     */
    static final int SPECULATE_STEPS = 2000;

    /** Plans up to this many steps are checked before they are returned (a few milliseconds). */
    static final int CHECKED_STEPS = 2000;

    /** The greedy scheduler's plan (by data-centre blocks, else one step at a time), or null when it places nothing safe. */
    private static PlanResult greedy(Plan plan, Inventory inventory, PlanOptions options, Analysis analysis,
                                     java.util.function.Supplier<LowerBounds> bounds, boolean secondCore) {
        if (!options.keepOrder()) {
            List<List<Integer>> blocks = DcBlocks.form(analysis);
            if (blocks != null) {
                String why = blocks.size() > 1
                        ? "max_down_dcs: the data centres are maintained in " + blocks.size() + " blocks, one after another"
                        : "the waves are packed greedily; the bound (" + bounds.get().wavesWhy() + ") is not always reachable";
                boolean speculate = secondCore && analysis.work.size() >= SPECULATE_STEPS;
                PlanResult best = new Strategies(options, analysis, bounds, speculate).best(blocks, why);
                if (best != null) {
                    return best;
                }
            }
        }
        // One step at a time: asked for, or the only order the written edges and failover targets allow.
        Analysis one = new Analysis(plan, inventory, new PlanOptions(options.maxParallel(), true));
        Scheduler s = new Scheduler(one, true);
        if (s.run(List.of(allSteps(one)), List.of(""))) {
            return new ResultBuilder(one, s, bounds.get()).build(options.keepOrder()
                    ? "--keep-order runs the steps one at a time, as written"
                    : "the written after edges and failover targets allow only one step at a time", null);
        }
        return null;
    }

    /**
     * On a small plan whose greedy answer is above a lower bound (or missing), the best schedule over
     * every wave assignment: used when it beats the greedy one and the checker accepts it. When the
     * search proves the greedy answer optimal, its explanation says so.
     */
    private static PlanResult exact(Plan plan, Inventory inventory, PlanOptions options, Analysis analysis,
                                    LowerBounds bounds, PlanResult greedy) {
        int n = analysis.work.size();
        int waves = greedy == null ? n : greedy.waves();
        int failovers = greedy == null ? Integer.MAX_VALUE : greedy.failovers();
        ExactSearch search = ExactSearch.run(analysis, bounds.waves(), waves, failovers);
        if (search == null) {
            return null;
        }
        ExactSearch.Schedule best = search.found();
        if (best == null) {
            return search.complete() && greedy != null ? proven(greedy, bounds, n) : null;
        }
        String whyWaves = (search.complete() ? "no order of these " + n + " steps needs fewer (every wave assignment was searched); "
                : "") + "the bound (" + bounds.wavesWhy() + ") is not reachable here";
        String whyFailovers = search.complete()
                ? "no order of these " + n + " steps in " + best.waves() + " waves needs fewer failovers"
                + " (every wave assignment and replica was searched; fewer waves come first)" : null;
        for (boolean layered : new boolean[] {false, true}) {
            // Resources keep the lanes of the run that used them: every run gets fresh ones.
            Analysis fresh = analysis.withFreshLanes();
            Scheduler s = new Scheduler(fresh, false).follow(best);
            if (!s.run(List.of(allSteps(fresh)), List.of(""))) {
                return null;
            }
            if (layered) {
                s.layerWaves();
            }
            PlanResult r = new ResultBuilder(fresh, s, bounds).build(whyWaves, whyFailovers);
            boolean safe = Checker.check(analysis.inventory, StepGraph.of(r.plan())).stream().noneMatch(Diagnostic::isError);
            if (safe && (greedy == null || r.waves() < greedy.waves()
                    || (r.waves() == greedy.waves() && r.failovers() < greedy.failovers()))) {
                return r;
            }
        }
        return null;
    }

    /** The greedy plan, its explanations saying that an exhaustive search found nothing better. */
    private static PlanResult proven(PlanResult greedy, LowerBounds bounds, int n) {
        List<String> above = new java.util.ArrayList<>();
        for (String why : greedy.aboveBound()) {
            if (!why.startsWith("waves ")) {
                above.add(why);
            }
        }
        if (greedy.waves() > bounds.waves()) {
            above.add("waves " + greedy.waves() + " > lower bound " + bounds.waves() + ", and " + greedy.waves()
                    + " is the optimum: no order of these " + n + " steps needs fewer (every wave assignment was searched)");
        }
        if (greedy.failovers() > bounds.failovers()) {
            above.add("failovers " + greedy.failovers() + " > lower bound " + bounds.failovers() + ": no order of these " + n
                    + " steps in " + greedy.waves() + " waves needs fewer (every wave assignment and replica was searched;"
                    + " fewer waves come first)");
        }
        return new PlanResult(greedy.plan(), greedy.addedEdges(), greedy.inserted(), greedy.waveOf(), greedy.waves(),
                greedy.failovers(), bounds, List.copyOf(above), List.of(), greedy.waveList());
    }

    private static boolean startsDownHosts(Analysis a) {
        for (Work w : a.work) {
            if (w.isStart() && w.touched().stream().anyMatch(a.initiallyDown::contains)) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> allSteps(Analysis a) {
        return a.topological().stream().sorted().toList();
    }
}
