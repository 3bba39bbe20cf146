package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import org.junit.jupiter.api.Test;

class PlannerTest {

    @Test
    void seed000MaintainsDc2ThenMovesTheMasterThenDc1() {
        Fleet f = Fleet.seed000().maintain("dc1-drives", "app1").maintain("dc2-drives", "app2");
        PlanResult r = Planner.plan(f.loaded(), PlanOptions.DEFAULT);
        assertThat(r.refusal()).isEmpty();
        assertThat(r.plan().steps()).extracting(Step::id).containsExactly("dc2-drives", "failover-cache", "dc1-drives");
        StepAction.Failover fo = (StepAction.Failover) r.plan().steps().get(1).action();
        assertThat(fo.to()).hasToString("app2:6379");
        assertThat(r.waves()).isEqualTo(2);
        assertThat(r.failovers()).isEqualTo(1);
        assertThat(r.summary()).isEqualTo("waves 2 (lower bound 2), failovers 1 (lower bound 1)");
        System.out.println(r);
    }
}
