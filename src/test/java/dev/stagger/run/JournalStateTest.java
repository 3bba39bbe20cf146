package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.ExitCode;
import dev.stagger.model.Hooks;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalStateTest {
    private final Instant t = Instant.now();

    private JournalEvent e(String event, String step, String... kv) {
        return JournalEvent.of(t, event, step, kv);
    }

    @Test
    void replayKnowsCompletedStepsAndHowFarTheOthersGot() {
        JournalState s = JournalState.replay(List.of(
                e("run-started", null, "plan", "p", "plan_hash", "h1", "resume", "false"),
                e("step-started", "a"), e("phase-done", "a", "phase", "down"), e("step-done", "a"),
                e("step-started", "b"), e("phase-started", "b", "phase", "down"),
                e("hook-started", "b", "phase", "down", "target", "app1", "pid", "4242"),
                e("hook-done", "b", "phase", "down", "target", "app1"),
                e("hook-started", "b", "phase", "down", "target", "app2", "pid", "4343"),
                e("run-failed", "b", "phase", "down", "message", "boom")));
        assertThat(s.completed()).containsExactly("a");
        JournalState.StepProgress b = s.progressOf("b");
        assertThat(b.lastPhaseStarted()).contains(Phase.DOWN);
        assertThat(b.phaseDone(Phase.DOWN)).isFalse();
        assertThat(b.hookDone(Phase.DOWN, "app1")).isTrue();
        assertThat(b.unfinishedHookPid(Phase.DOWN, "app1")).isEmpty();
        assertThat(b.unfinishedHookPid(Phase.DOWN, "app2")).contains(4343L);
        assertThat(b.touchedCluster()).isTrue();
        assertThat(s.lastStop()).get().extracting(JournalEvent::event).isEqualTo("run-failed");
        assertThat(s.finished()).isFalse();
    }

    @Test
    void resumedRunsAddToTheSameRunAndAFreshStartBeginsANewOne() {
        List<JournalEvent> events = List.of(
                e("run-started", null, "plan_hash", "h1", "resume", "false"), e("step-done", "a"),
                e("run-started", null, "plan_hash", "h1", "resume", "true"), e("step-done", "b"), e("run-done", null));
        JournalState s = JournalState.replay(events);
        assertThat(s.completed()).containsExactly("a", "b");
        assertThat(s.finished()).isTrue();

        List<JournalEvent> again = new java.util.ArrayList<>(events);
        again.add(e("run-started", null, "plan_hash", "h1", "resume", "false"));
        assertThat(JournalState.replay(again).completed()).isEmpty();
    }

    @Test
    void aChangedPlanIsRefusedWithExit2AndAnExplanation() {
        JournalState s = JournalState.replay(List.of(e("run-started", null, "plan", "p", "plan_hash", "sha256:old", "resume", "false")));
        s.requireSamePlan("sha256:old", "j");
        assertThatThrownBy(() -> s.requireSamePlan("sha256:new", ".stagger/lab-p.journal"))
                .isInstanceOf(StaggerException.class)
                .hasMessageContaining("the plan changed since the run recorded in .stagger/lab-p.journal started")
                .satisfies(x -> assertThat(((StaggerException) x).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
    }

    @Test
    void planHashIgnoresPositionsButNotWhatTheStepsDo() {
        Plan p1 = new Plan("p", "a.yaml", "i.yaml", Order.SEQUENCE, List.of(Fixtures.maintain("a", "app1")));
        var moved = Fixtures.maintain("a", "app1");
        moved = new dev.stagger.model.Step(moved.id(), moved.action(), moved.after(), moved.hooks(), null, null,
                "a new note", null, new dev.stagger.model.Position("plan.yaml", 40, 3));
        Plan p2 = new Plan("p", "a.yaml", "i.yaml", Order.SEQUENCE, List.of(moved));
        assertThat(PlanHash.of(p2)).isEqualTo(PlanHash.of(p1));
        Plan p3 = new Plan("p", "a.yaml", "i.yaml", Order.SEQUENCE, List.of(Fixtures.maintain("a", "app1", Hooks.NONE)));
        Plan p4 = new Plan("p", "a.yaml", "i.yaml", Order.SEQUENCE,
                List.of(Fixtures.withTimes(Fixtures.maintain("a", "app1"), Duration.ofSeconds(5), null)));
        assertThat(PlanHash.of(p3)).isNotEqualTo(PlanHash.of(p1));
        assertThat(PlanHash.of(p4)).isNotEqualTo(PlanHash.of(p1)).startsWith("sha256:");
    }
}
