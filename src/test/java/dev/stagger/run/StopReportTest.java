package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Hooks;
import dev.stagger.model.Step;
import dev.stagger.model.Target;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What stagger says when asked to stop: the first Ctrl-C's acknowledgement, and a forced stop's target states. */
class StopReportTest {
    private static final String RESUME = "stagger run plan.yaml --resume";
    private final Step a = Fixtures.maintain("a", "app1");
    private final Step b = Fixtures.maintain("b", "app2");
    private final StopReport.InProgress inA = new StopReport.InProgress(new StepLabel(1, 3, "a"), a);
    private final StopReport.InProgress inB = new StopReport.InProgress(new StepLabel(2, 3, "b"), b);

    private static HookCall call(String step, Phase phase, String host) {
        return new HookCall(step, phase, Target.host(host), List.of("work", host));
    }

    @Test
    void theAcknowledgementSaysWhatRunsThatItStopsAfterItAndHowToForce() {
        HookRunner.Running hook = new HookRunner.Running(call("a", Phase.DO, "app1"), 4242, System.nanoTime());
        String text = StopReport.acknowledge("INT", List.of(inA, inB), List.of(hook));
        assertThat(text).startsWith("stagger: Ctrl-C: stopping after the steps in progress; no new step starts. In progress:\n"
                        + "  step 1 of 3 a: the do hook for app1 (pid 4242, running ")
                .contains("\n  step 2 of 3 b: no hook running (it waits or checks)\n")
                .contains("still brings it back up and waits for it to be ready (the safe point); then stagger exits 130"
                        + " and prints the command that resumes the run")
                .endsWith("To stop at once, press Ctrl-C again: the running hooks' process groups are ended (TERM, then KILL)"
                        + " and their targets may be left partly down.");
    }

    @Test
    void sigtermIsNamedAndCanBeSentAgain() {
        assertThat(StopReport.acknowledge("TERM", List.of(inA), List.of()))
                .startsWith("stagger: SIGTERM: stopping after the steps in progress")
                .contains("press Ctrl-C again (or send SIGTERM again)");
    }

    @Test
    void withNothingInProgressItJustStops() {
        assertThat(StopReport.acknowledge("INT", List.of(), List.of()))
                .isEqualTo("stagger: Ctrl-C: stopping; no step is in progress, none will start.");
    }

    @Test
    void aForcedStopSaysWhatEachTargetWasLeftInAndHowToBringItBack() {
        List<String> states = StopReport.targetStates(List.of(inA, inB), List.of(call("a", Phase.DOWN, "app1")),
                (step, t) -> step.equals("b") ? Optional.of(Phase.DO) : Optional.empty(), Fixtures.inventory(), RESUME);
        assertThat(states).containsExactly(
                "app1 (step a): its down hook was ended mid-way: app1 may be partly down; bring it back with `start app1`"
                        + " (or start app1 by hand), then resume with: " + RESUME,
                "app2 (step b): its do hook had finished: app2 is down; bring it back with `start app2`"
                        + " (or start app2 by hand), then resume with: " + RESUME);
    }

    @Test
    void eachPhaseHasItsOwnState() {
        var inventory = Fixtures.inventory();
        assertThat(StopReport.targetStates(List.of(inA), List.of(call("a", Phase.DO, "app1")), (s, t) -> Optional.empty(),
                inventory, RESUME)).singleElement().asString().contains("its do hook was ended mid-way: app1 is down and its maintenance is unfinished");
        assertThat(StopReport.targetStates(List.of(inA), List.of(call("a", Phase.UP, "app1")), (s, t) -> Optional.empty(),
                inventory, RESUME)).singleElement().asString().contains("its up hook was ended mid-way: app1 may be partly up");
        assertThat(StopReport.targetStates(List.of(inA), List.of(), (s, t) -> Optional.of(Phase.UP), inventory, RESUME))
                .singleElement().asString().contains("its up hook had finished: app1 was starting and not yet confirmed ready");
        assertThat(StopReport.targetStates(List.of(inA), List.of(), (s, t) -> Optional.empty(), inventory, RESUME))
                .containsExactly("app1 (step a): no hook of this step had run on it; it was not touched; resume with: " + RESUME);
    }

    @Test
    void withoutAnUpHookThePersonStartsItByHand() {
        Step manual = Fixtures.maintain("m", "app3", new Hooks(List.of("stop", "{host}"), List.of(), List.of()));
        assertThat(StopReport.targetStates(List.of(new StopReport.InProgress(new StepLabel(1, 1, "m"), manual)),
                List.of(call("m", Phase.DOWN, "app3")), (s, t) -> Optional.empty(), Fixtures.inventory(), RESUME))
                .singleElement().asString().contains("bring it back with its service(s) started by hand (start app3 by hand)");
    }

    @Test
    void aFailoverIsLeftToFinish() {
        Step f = Fixtures.failover("f");
        assertThat(StopReport.targetStates(List.of(new StopReport.InProgress(new StepLabel(1, 1, "f"), f)), List.of(),
                (s, t) -> Optional.empty(), Fixtures.inventory(), RESUME))
                .containsExactly("f: its failover of cache was left to finish (stopped half-way it would leave replica"
                        + " priorities changed); the journal says how it ended; resume with: " + RESUME);
    }
}
