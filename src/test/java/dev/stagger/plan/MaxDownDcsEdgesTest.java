package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.bench.DcFleet;
import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.AppService;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Policy;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Under {@code max_down_dcs}, every step of a data centre waits for every step of the one before.
 * Written edge by edge that is quadratic (a 3,000-host fleet: 1.9 million edges, four minutes to
 * plan); through one barrier per boundary it is linear. These fleets count the edges.
 */
class MaxDownDcsEdgesTest {

    /** Masters outside one DC: each later data centre starts with failovers, the barrier costs nothing. */
    @Test
    void aFailoverIsTheBarrierAndTheBoundsStayMet() {
        LoadedPlan fleet = oneDcAtATime(DcFleet.generate(3, 200, 1, false), false);
        PlanResult r = Planner.plan(fleet, PlanOptions.DEFAULT);
        approved(fleet, r);
        assertThat(r.waves()).as(r.summary()).isEqualTo(r.bounds().waves()).isEqualTo(3);
        assertThat(r.failovers()).as(r.summary()).isEqualTo(r.bounds().failovers());
        // About 600 steps and 60 failovers; edge by edge the boundaries alone would take 2 x 200 x 200.
        assertThat(edges(r)).as("edges of %d steps", r.plan().steps().size())
                .isLessThanOrEqualTo(3 * r.plan().steps().size());
    }

    /** No Redis at all: no failover to wait on, so one step per boundary runs alone and the output says so. */
    @Test
    void withoutFailoversAStepIsTheBarrierAndTheExtraWaveIsExplained() {
        LoadedPlan fleet = oneDcAtATime(DcFleet.generate(3, 200, 1, false), true);
        PlanResult r = Planner.plan(fleet, PlanOptions.DEFAULT);
        approved(fleet, r);
        assertThat(r.failovers()).isZero();
        assertThat(edges(r)).as("edges of %d steps", r.plan().steps().size())
                .isLessThanOrEqualTo(3 * r.plan().steps().size());
        assertThat(r.waves()).isEqualTo(r.bounds().waves() + 2);
        assertThat(r.aboveBound()).anyMatch(s -> s.contains("at 2 boundaries between data centres one step runs alone"));
    }

    /** A small fleet keeps its edges one by one (and its waves): a barrier would save nothing worth a wave. */
    @Test
    void aSmallFleetWithoutFailoversKeepsItsWaves() {
        LoadedPlan fleet = oneDcAtATime(DcFleet.generate(3, 8, 1, false), true);
        PlanResult r = Planner.plan(fleet, PlanOptions.DEFAULT);
        approved(fleet, r);
        assertThat(r.waves()).isEqualTo(r.bounds().waves());
    }

    private static int edges(PlanResult r) {
        int n = 0;
        for (Step s : r.plan().steps()) {
            n += s.after().size();
        }
        return n;
    }

    /** The fleet under {@code max_down_dcs: 1}; with {@code appsOnly}, its Redis groups and sentinels left out. */
    private static LoadedPlan oneDcAtATime(LoadedPlan fleet, boolean appsOnly) {
        Inventory inv = fleet.inventory();
        Map<String, Service> services = new LinkedHashMap<>();
        for (Service s : inv.services().values()) {
            if (!appsOnly || s instanceof AppService) {
                services.put(s.name(), s);
            }
        }
        Policy p = inv.policy();
        Policy one = new Policy(1, p.maxLagBytes(), p.memoryHeadroomPercent(), p.lockGroup(), p.lockFile(), p.clusterQuiet());
        return new LoadedPlan(fleet.plan(), new Inventory(inv.cluster(), inv.file(), inv.defaults(), one,
                new LinkedHashMap<>(inv.hosts()), services));
    }

    private static void approved(LoadedPlan fleet, PlanResult r) {
        assertThat(r.refusal()).isEmpty();
        List<Diagnostic> errors = Checker.check(fleet.inventory(), StepGraph.of(r.plan())).stream()
                .filter(Diagnostic::isError).toList();
        assertThat(errors).isEmpty();
        assertThat(StepGraph.of(r.plan()).waves()).isEqualTo(r.waves());
    }
}
