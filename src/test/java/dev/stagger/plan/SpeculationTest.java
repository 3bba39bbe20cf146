package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.bench.DcFleet;
import dev.stagger.bench.FleetGenerator;
import dev.stagger.model.LoadedPlan;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A large plan runs its recoloured DC-major try on a second core beside the first one
 * ({@link dev.stagger.concurrent.Beside}): the plan must be the one the tries in turn give, whatever the timing.
 */
class SpeculationTest {

    /**
     * Large enough to speculate; the generic fleet and masters in every data centre need the
     * recoloured try (the first one moves some masters twice), masters outside one data centre do not.
     */
    static Stream<Arguments> largeFleets() {
        return Stream.of(
                Arguments.of("generic 3000 hosts", FleetGenerator.generate(3000), true),
                Arguments.of("3 DCs x 700, masters everywhere", DcFleet.generate(3, 700, 1, true), true),
                Arguments.of("4 DCs x 600, masters everywhere", DcFleet.generate(4, 600, 2, true), true),
                Arguments.of("3 DCs x 700, masters outside one DC", DcFleet.generate(3, 700, 3, false), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeFleets")
    void theSecondCoreGivesThePlanOfTheTriesInTurn(String name, LoadedPlan fleet, boolean recoloured) {
        assertThat(fleet.plan().steps().size()).isGreaterThanOrEqualTo(Planner.SPECULATE_STEPS);
        PlanResult inTurn = Planner.plan(fleet.plan(), fleet.inventory(), PlanOptions.DEFAULT, false);
        for (int run = 0; run < 3; run++) {
            PlanResult beside = Planner.plan(fleet.plan(), fleet.inventory(), PlanOptions.DEFAULT, true);
            assertThat(beside.summary()).isEqualTo(inTurn.summary());
            assertThat(beside.plan().steps()).isEqualTo(inTurn.plan().steps());
            assertThat(beside.addedEdges()).containsExactlyEntriesOf(inTurn.addedEdges());
            assertThat(beside.inserted()).containsExactlyEntriesOf(inTurn.inserted());
            assertThat(beside.waveOf()).containsExactlyEntriesOf(inTurn.waveOf());
            assertThat(beside.aboveBound()).isEqualTo(inTurn.aboveBound());
            assertThat(beside.waveList()).isEqualTo(inTurn.waveList());
        }
        if (recoloured) {
            // The fleet takes the path under test: the first try alone is above the failover bound.
            assertThat(firstTryFailovers(fleet)).isGreaterThan(inTurn.failovers());
        }
    }

    /**
     * The bounds and refusals of a large plan are worked out on a second core while the greedy plan is
     * made: a plan with a step that can never be safe is refused as the sequential planner refuses it.
     */
    @Test
    void aLargePlanWithARefusalIsRefusedAsInTurn() {
        LoadedPlan fleet = DcFleet.generate(3, 700, 3, false);
        dev.stagger.model.AppService pool = fleet.inventory().services().values().stream()
                .filter(s -> s instanceof dev.stagger.model.AppService).map(s -> (dev.stagger.model.AppService) s)
                .findFirst().orElseThrow();
        // Every host of a pool at once: more than min_healthy leaves room for.
        java.util.List<dev.stagger.model.Target> all = pool.instances().stream()
                .map(e -> dev.stagger.model.Target.host(e.host())).distinct().sorted().toList();
        java.util.List<dev.stagger.model.Step> steps = new java.util.ArrayList<>(fleet.plan().steps());
        steps.add(new dev.stagger.model.Step("whole-pool", new dev.stagger.model.StepAction.Maintain(all), java.util.List.of(),
                dev.stagger.model.Hooks.NONE, null, null, null, null, dev.stagger.model.Position.of(fleet.plan().file())));
        dev.stagger.model.Plan plan = new dev.stagger.model.Plan(fleet.plan().name(), fleet.plan().file(),
                fleet.plan().inventoryPath(), fleet.plan().order(), steps);
        assertThat(steps.size()).isGreaterThanOrEqualTo(Planner.SPECULATE_STEPS);
        PlanResult inTurn = Planner.plan(plan, fleet.inventory(), PlanOptions.DEFAULT, false);
        assertThat(inTurn.refusal()).isNotEmpty();
        for (int run = 0; run < 3; run++) {
            PlanResult beside = Planner.plan(plan, fleet.inventory(), PlanOptions.DEFAULT, true);
            assertThat(beside.refusal()).isEqualTo(inTurn.refusal());
            assertThat(beside.summary()).isEqualTo(inTurn.summary());
            assertThat(beside.plan()).isEqualTo(inTurn.plan());
        }
    }

    /** The failovers of the DC-major first try alone, as the planner's phases run it. */
    private static int firstTryFailovers(LoadedPlan fleet) {
        return PlanPhases.time(fleet).result().failovers();
    }
}
