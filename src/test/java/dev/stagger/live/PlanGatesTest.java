package dev.stagger.live;

import static dev.stagger.live.Fixture.R2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.live.Fixture.Snap;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Hooks;
import dev.stagger.model.Position;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's gates over a whole plan, step by step, as the earlier steps leave the cluster. */
class PlanGatesTest {

    @Test
    void aStepIsJudgedAfterTheEarlierFailovers() {
        // Judged "as if now", maintaining app1 would take down the master; after the plan's failover it does not.
        List<Diagnostic> ds = PlanGates.check(Fixture.inventory(), Snap.healthy().build(),
                List.of(Fixture.failover("move", R2), Fixture.maintain("dc1", "app1")));
        assertThat(ds.stream().filter(Diagnostic::isError)).isEmpty();
    }

    @Test
    void aFailoverAfterAStopHasOnlyTheReplicasLeftUp() {
        Step stopApp2 = new Step("stop-app2", new StepAction.Stop(List.of(Target.host("app2"))), List.of(), Hooks.NONE,
                null, null, null, null, new Position("plan.yaml", 3, 5));
        Step anyTarget = Fixture.failover("switch", null);

        List<Diagnostic> now = PlanGates.check(Fixture.inventory(), Snap.healthy().build(), List.of(anyTarget));
        assertThat(now.stream().filter(Diagnostic::isError)).as("app2 can be promoted now").isEmpty();

        List<Diagnostic> ds = PlanGates.check(Fixture.inventory(), Snap.healthy().build(), List.of(stopApp2, anyTarget));
        assertThat(ds).filteredOn(Diagnostic::isError).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("no-failover-target");
            assertThat(d.steps()).containsExactly("switch");
            assertThat(d.message()).contains("app2:6379 down at this point of the plan");
        });
    }

    @Test
    void noTargetSaysWhyEachReplicaCannotBePromoted() {
        Snap linkDown = Snap.healthy().replica("app2", "app1", 10, "master_link_status:down");
        List<Diagnostic> ds = PlanGates.check(Fixture.inventory(), linkDown.build(), List.of(Fixture.failover("switch", null)));
        assertThat(ds).filteredOn(d -> d.rule().equals("no-failover-target")).singleElement()
                .satisfies(d -> assertThat(d.message()).endsWith(": app2:6379 not in sync: master_link_status:down"));
    }

    @Test
    void aReplicaTheStepRestartsWhileOutOfSyncIsReportedAtThatStep() {
        Snap linkDown = Snap.healthy().replica("app2", "app1", 10, "master_link_status:down");
        List<Diagnostic> ds = PlanGates.check(Fixture.inventory(), linkDown.build(), List.of(Fixture.maintain("dc2", "app2")));
        assertThat(ds).filteredOn(Diagnostic::isError).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("replica-sync");
            assertThat(d.subject()).isEqualTo("cache@app2:6379");
            assertThat(d.steps()).containsExactly("dc2");
            assertThat(d.message()).contains("master_link_status:down").contains("step dc2 restarts it")
                    .contains("halts there");
        });
        // The run's gate alone lets that step start: the replica it restarts is not one that must stay in sync.
        assertThat(LiveChecker.checkBeforeStep(Fixture.inventory(), linkDown.build(), Fixture.maintain("dc2", "app2"),
                java.util.Set.of()).stream().filter(Diagnostic::isError)).isEmpty();
    }
}
