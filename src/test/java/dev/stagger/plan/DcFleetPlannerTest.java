package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.bench.DcFleet;
import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fleets laid out by data centre (stagger issue 12), where the optimum is known: D waves and one
 * failover per master. Every output is approved by the checker.
 */
class DcFleetPlannerTest {

    /** D = 3..5 at small and medium sizes with two seeds, and 1000 hosts per DC once per D. */
    static Stream<Arguments> fleets() {
        List<Arguments> out = new ArrayList<>();
        for (int d = 3; d <= 5; d++) {
            for (int perDc : new int[] {20, 150}) {
                for (long seed = 1; seed <= 2; seed++) {
                    out.add(Arguments.of(d, perDc, seed));
                }
            }
            out.add(Arguments.of(d, 1000, (long) d));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} DCs x {1} hosts, seed {2}")
    @MethodSource("fleets")
    void meetsBothBoundsWithMastersOutsideOneDc(int dcs, int perDc, long seed) {
        LoadedPlan fleet = DcFleet.generate(dcs, perDc, seed, false);
        PlanResult r = Planner.plan(fleet, PlanOptions.DEFAULT);
        approved(fleet, r);
        assertThat(r.bounds().waves()).isEqualTo(dcs);
        assertThat(r.waves()).as(r.summary()).isEqualTo(dcs);
        assertThat(r.failovers()).as(r.summary()).isEqualTo(r.bounds().failovers());
        assertThat(r.aboveBound()).isEmpty();
        // Each master moves once.
        Map<String, Integer> moves = new HashMap<>();
        for (Step s : r.plan().steps()) {
            if (s.action() instanceof dev.stagger.model.StepAction.Failover f) {
                moves.merge(f.service(), 1, Integer::sum);
            }
        }
        assertThat(moves.values()).allMatch(n -> n == 1);
    }

    /** Fleets of at least 30 masters: 5% of fewer is less than one failover. */
    static Stream<Arguments> everywhere() {
        List<Arguments> out = new ArrayList<>();
        for (int d = 3; d <= 5; d++) {
            out.add(Arguments.of(d, 100, 1L));
            out.add(Arguments.of(d, 400, 2L));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} DCs x {1} hosts, seed {2}")
    @MethodSource("everywhere")
    void mastersInEveryDcStayWithinFivePercentOfTheFailoverBound(int dcs, int perDc, long seed) {
        LoadedPlan fleet = DcFleet.generate(dcs, perDc, seed, true);
        PlanResult r = Planner.plan(fleet, PlanOptions.DEFAULT);
        approved(fleet, r);
        assertThat(r.waves()).as(r.summary()).isEqualTo(dcs);
        assertThat((double) r.failovers()).as(r.summary()).isLessThanOrEqualTo(r.bounds().failovers() * 1.05);
        if (r.failovers() > r.bounds().failovers()) {
            // Above a bound, the output says why: the groups that move twice.
            assertThat(r.aboveBound()).anyMatch(s -> s.contains("moves 2 times"));
        }
    }

    private static void approved(LoadedPlan fleet, PlanResult r) {
        assertThat(r.refusal()).isEmpty();
        List<Diagnostic> errors = Checker.check(fleet.inventory(), StepGraph.of(r.plan())).stream()
                .filter(Diagnostic::isError).toList();
        assertThat(errors).isEmpty();
        assertThat(StepGraph.of(r.plan()).waves()).isEqualTo(r.waves());
    }
}
