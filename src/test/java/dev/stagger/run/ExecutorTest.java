package dev.stagger.run;

import static dev.stagger.run.Fixtures.failover;
import static dev.stagger.run.Fixtures.graph;
import static dev.stagger.run.Fixtures.maintain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExecutorTest {
    private final Inventory inventory = Fixtures.inventory();
    private final FakeCluster cluster = new FakeCluster(inventory);
    private final FakeFailover failovers = new FakeFailover();
    private final Journal.InMemory journal = Journal.inMemory();
    private RecordingProgress progress = new RecordingProgress();

    private RunOutcome run(StepGraph g, Gate gate, RunSettings settings) {
        return run(g, gate, settings, JournalState.fresh());
    }

    private RunOutcome run(StepGraph g, Gate gate, RunSettings settings, JournalState state) {
        return executor(gate, settings).run(g, state, "sha256:test");
    }

    private Executor executor(Gate gate, RunSettings settings) {
        return new Executor(new RunDeps(inventory, gate, failovers, cluster, cluster, journal, progress), settings);
    }

    private List<String> events() {
        return journal.events().stream().map(e -> e.event() + (e.step() == null ? "" : " " + e.step())).toList();
    }

    private static Diagnostic blocker(String rule) {
        return new Diagnostic(Position.NONE, Severity.ERROR, rule, List.of("b"), "cache",
                "cache@app2:6379 lags its master by 5 MiB", "wait for the replica to catch up");
    }

    @Test
    void sequenceRunsEveryPhaseOfEachStepInOrder() {
        RunOutcome out = run(graph(Order.SEQUENCE, maintain("a", "app1"), failover("f"), maintain("b", "app2")),
                Gate.ALWAYS_SAFE, Fixtures.fast());
        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(cluster.calls()).containsExactly(
                "a down stop app1", "a do work app1", "a up start app1",
                "b down stop app2", "b do work app2", "b up start app2");
        assertThat(failovers.performed).containsExactly("f cache to app2:6379");
        assertThat(events()).containsSubsequence("run-started", "step-done a", "step-done f", "step-done b", "run-done");
        assertThat(cluster.maxHostsDown()).isEqualTo(1);
    }

    @Test
    void graphOrderWaitsForAfterAndMaxParallelBoundsOverlap() {
        cluster.hookMillis = 20;
        StepGraph g = graph(Order.GRAPH, maintain("a", "app1"), maintain("b", "app2"), maintain("c", "app3", "a"));
        assertThat(run(g, Gate.ALWAYS_SAFE, Fixtures.fast()).exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cluster.maxHostsDown()).as("default --max-parallel 1").isEqualTo(1);
        List<String> calls = cluster.calls();
        assertThat(calls.indexOf("c down stop app3")).isGreaterThan(calls.indexOf("a up start app1"));
    }

    @Test
    void maxParallelTwoRunsUnorderedStepsTogether() {
        cluster.hookMillis = 30;
        StepGraph g = graph(Order.GRAPH, maintain("a", "app1"), maintain("b", "app2"), maintain("c", "app3"));
        RunOutcome out = run(g, Gate.ALWAYS_SAFE, Fixtures.fast().withMaxParallel(2));
        assertThat(out.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(cluster.maxHostsDown()).isEqualTo(2);
    }

    @Test
    void gateSeesTheTargetsOfStepsInProgress() {
        cluster.hookMillis = 30;
        List<Set<Instance>> seen = new ArrayList<>();
        Gate recording = (step, downNow) -> {
            synchronized (seen) {
                if (step.id().equals("b")) {
                    seen.add(Set.copyOf(downNow));
                }
            }
            return GateVerdict.safe();
        };
        StepGraph g = graph(Order.GRAPH, maintain("a", "app1"), maintain("b", "app2"));
        run(g, recording, Fixtures.fast().withMaxParallel(2));
        assertThat(seen.get(0)).extracting(Instance::toString).contains("api@app1", "cache@app1:6379");
    }

    @Test
    void gateBlockedWaitsAndSaysWhyThenPasses() {
        AtomicInteger checks = new AtomicInteger();
        Gate gate = (step, down) -> checks.incrementAndGet() <= 3
                ? GateVerdict.blocked(List.of(blocker("replica-sync"))) : GateVerdict.safe();
        RunOutcome out = run(graph(Order.SEQUENCE, maintain("a", "app1")), gate, Fixtures.fast());
        assertThat(out.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(progress.text()).contains("waiting for the safety gate: replica-sync: cache@app2:6379 lags its master by 5 MiB");
        assertThat(events()).containsOnlyOnce("gate-blocked a").contains("gate-passed a");
    }

    @Test
    void gateThatStaysBlockedHaltsWithExit1AndNothingDone() {
        Gate gate = (step, down) -> step.id().equals("b") ? GateVerdict.blocked(List.of(blocker("replica-sync"))) : GateVerdict.safe();
        RunOutcome out = run(graph(Order.SEQUENCE, maintain("a", "app1"), maintain("b", "app2"), maintain("c", "app3")),
                gate, Fixtures.fast().withWaitSafe(Duration.ofMillis(150)));
        assertThat(out.exitCode()).isEqualTo(ExitCode.UNSAFE);
        assertThat(out.message()).contains("halted before step 2 of 3 b", "replica-sync", "fix: wait for the replica to catch up",
                "nothing of this step was done", "resume with: stagger run plan.yaml --resume");
        assertThat(cluster.calls()).allMatch(c -> c.startsWith("a "));
        assertThat(cluster.anyDown()).isFalse();
        assertThat(events()).contains("run-halted b").doesNotContain("step-started b", "run-done");
    }

    @Test
    void failingHookStopsTheRunWithExit3AndTheJournalSaysWhere() {
        cluster.failures.put("a do", 3);
        RunOutcome out = run(graph(Order.SEQUENCE, maintain("a", "app1"), maintain("b", "app2")), Gate.ALWAYS_SAFE, Fixtures.fast());
        assertThat(out.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("step a (do)", "exited 3");
        assertThat(cluster.calls()).containsExactly("a down stop app1", "a do work app1");
        assertThat(journal.events()).filteredOn(e -> e.event().equals("run-failed"))
                .singleElement().satisfies(e -> assertThat(e.detail("phase")).isEqualTo("do"));
        JournalState state = JournalState.replay(journal.events());
        assertThat(state.completed()).isEmpty();
        assertThat(state.progressOf("a").phaseDone(Phase.DOWN)).isTrue();
        assertThat(state.progressOf("a").phaseDone(Phase.DO)).isFalse();
    }

    @Test
    void instanceThatNeverBecomesReadyFailsAtReadyTimeout() {
        cluster.neverReady.add("app1");
        StepGraph g = graph(Order.SEQUENCE, Fixtures.withTimes(maintain("a", "app1"), Duration.ofMillis(10), Duration.ofMillis(200)));
        RunOutcome out = run(g, Gate.ALWAYS_SAFE, Fixtures.fast());
        assertThat(out.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("did not become ready within ready_timeout 200ms", "api@app1");
        assertThat(events()).contains("step-failed a");
    }

    @Test
    void readinessNeedsMinReadyWithoutABreak() {
        AtomicInteger probes = new AtomicInteger();
        InstanceProbe flapping = new InstanceProbe() {
            public boolean isDown(Instance i) {
                return cluster.isDown(i);
            }

            public boolean isReady(Instance i) {
                // Ready, except one failed probe early on: the count must restart from there.
                return cluster.isReady(i) && probes.incrementAndGet() != 4;
            }
        };
        StepGraph g = graph(Order.SEQUENCE, Fixtures.withTimes(maintain("a", "app1"), Duration.ofMillis(100), Duration.ofSeconds(5)));
        long start = System.nanoTime();
        Executor ex = new Executor(new RunDeps(inventory, Gate.ALWAYS_SAFE, failovers, flapping, cluster, journal, progress), Fixtures.fast());
        assertThat(ex.run(g, JournalState.fresh(), "h").exitCode()).isEqualTo(ExitCode.OK);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(progress.text()).contains("ready (min_ready 100ms)");
    }

    @Test
    void cancelMidStepFinishesBringingItUpThenStopsWith130() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inDo = new CountDownLatch(1);
        cluster.blockers.put("a do", release);
        cluster.reached.put("a do", inDo);
        Executor ex = executor(Gate.ALWAYS_SAFE, Fixtures.fast());
        CompletableFuture<RunOutcome> out = CompletableFuture.supplyAsync(
                () -> ex.run(graph(Order.SEQUENCE, maintain("a", "app1"), maintain("b", "app2")), JournalState.fresh(), "h"));
        assertThat(inDo.await(5, TimeUnit.SECONDS)).isTrue();
        ex.cancel();
        release.countDown();
        RunOutcome o = out.get(10, TimeUnit.SECONDS);
        assertThat(o.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(o.message()).contains("safe point", "resume with: stagger run plan.yaml --resume");
        assertThat(cluster.calls()).containsExactly("a down stop app1", "a do work app1", "a up start app1");
        assertThat(cluster.anyDown()).isFalse();
        assertThat(ex.awaitFinished(Duration.ofSeconds(1))).isTrue();
        JournalState state = JournalState.replay(journal.events());
        assertThat(state.completed()).containsExactly("a");
        assertThat(events()).contains("run-cancelled");
    }

    @Test
    void cancelWhileWaitingForTheOperatorToStopAbandonsTheStep() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        progress = new RecordingProgress(instruction -> asked.countDown());
        Executor withOperator = executor(Gate.ALWAYS_SAFE, Fixtures.fast());
        CompletableFuture<RunOutcome> out = CompletableFuture.supplyAsync(
                () -> withOperator.run(graph(Order.SEQUENCE, maintain("a", "app1", Hooks.NONE)), JournalState.fresh(), "h"));
        assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
        withOperator.cancel();
        assertThat(out.get(5, TimeUnit.SECONDS).exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(progress.text()).contains("do NOT stop api@app1 and cache@app1 on app1");
        assertThat(events()).contains("step-abandoned a");
        assertThat(JournalState.replay(journal.events()).inProgress()).isEmpty();
    }

    @Test
    void operatorModeSaysWhatToDoAndWatchesTheProbes() {
        progress = new RecordingProgress(instruction -> {
            if (instruction.startsWith("stop")) {
                cluster.takeDown("app1");
            } else if (instruction.startsWith("start")) {
                cluster.bringUp("app1");
            }
        });
        RunOutcome out = run(graph(Order.SEQUENCE, maintain("a", "app1", Hooks.NONE)), Gate.ALWAYS_SAFE, Fixtures.fast());
        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(progress.text())
                .contains("step 1 of 1 a: OPERATOR: stop api@app1 and cache@app1 on app1 now; I am watching for them to go down")
                .contains("OPERATOR: start api@app1 and cache@app1 on app1 now (after your maintenance work); I am watching for them to come back ready")
                .contains("app1 stopped answering");
        assertThat(cluster.calls()).isEmpty();
    }

    @Test
    void resumeNeverRepeatsACompletedStepAndContinuesAtThePhaseWhereItStopped() {
        // The journal of a run killed during b's `do` hook: a done, b down and confirmed.
        Journal.InMemory killed = Journal.inMemory();
        java.time.Instant t = java.time.Instant.parse("2025-01-01T00:00:00Z");
        killed.append(JournalEvent.of(t, "run-started", null, "plan", "maint", "plan_hash", "sha256:test", "resume", "false"));
        for (String p : List.of("down", "confirm-down", "do", "up", "ready")) {
            killed.append(JournalEvent.of(t, "phase-done", "a", "phase", p));
        }
        killed.append(JournalEvent.of(t, "step-done", "a"));
        killed.append(JournalEvent.of(t, "step-started", "b"));
        killed.append(JournalEvent.of(t, "phase-started", "b", "phase", "down"));
        killed.append(JournalEvent.of(t, "hook-done", "b", "phase", "down", "target", "app2"));
        killed.append(JournalEvent.of(t, "phase-done", "b", "phase", "down"));
        killed.append(JournalEvent.of(t, "phase-done", "b", "phase", "confirm-down"));
        killed.append(JournalEvent.of(t, "phase-started", "b", "phase", "do"));
        cluster.takeDown("app2");
        JournalState state = JournalState.replay(killed.events());
        Gate neverForResumedStep = (step, down) -> {
            assertThat(step.id()).as("an in-progress step is finished, not re-gated").isNotEqualTo("b");
            return GateVerdict.safe();
        };
        RunOutcome out = run(graph(Order.SEQUENCE, maintain("a", "app1"), maintain("b", "app2"), maintain("c", "app3")),
                neverForResumedStep, Fixtures.fast(), state);
        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(cluster.calls()).containsExactly(
                "b do work app2", "b up start app2",
                "c down stop app3", "c do work app3", "c up start app3");
        assertThat(progress.text()).contains("resuming: 1 of 3 steps already done, continuing b", "(resuming at do)");
        assertThat(journal.events().get(0).detail("resume")).isEqualTo("true");
    }

    @Test
    void resumedFailoverIsVerifiedRatherThanRepeated() {
        java.time.Instant t = java.time.Instant.now();
        List<JournalEvent> killed = List.of(
                JournalEvent.of(t, "run-started", null, "plan", "maint", "plan_hash", "h", "resume", "false"),
                JournalEvent.of(t, "step-started", "f"),
                JournalEvent.of(t, "phase-started", "f", "phase", "failover"),
                JournalEvent.of(t, "failover-target", "f", "target", "app2:6379"));
        failovers.looksDone = true;
        assertThat(run(graph(Order.SEQUENCE, failover("f")), Gate.ALWAYS_SAFE, Fixtures.fast(), JournalState.replay(killed))
                .exitCode()).isEqualTo(ExitCode.OK);
        assertThat(failovers.performed).isEmpty();
        assertThat(progress.text()).contains("has taken effect (verified); not repeating it");

        failovers.looksDone = false;
        run(graph(Order.SEQUENCE, failover("f")), Gate.ALWAYS_SAFE, Fixtures.fast(), JournalState.replay(killed));
        assertThat(failovers.performed).containsExactly("f cache to app2:6379");
        assertThat(failovers.checkedDone).containsExactly("f app2:6379", "f app2:6379");
    }

    @Test
    void failoverTargetAndActionsAreJournaled() {
        run(graph(Order.SEQUENCE, failover("f")), Gate.ALWAYS_SAFE, Fixtures.fast(), JournalState.fresh());
        assertThat(journal.events()).anyMatch(e -> e.event().equals("failover-target") && "app2:6379".equals(e.detail("target")));
        assertThat(journal.events()).anyMatch(e -> e.event().equals("failover-action") && "promoted app2:6379".equals(e.detail("action")));
        assertThat(progress.text()).contains("moved cache");
    }

    @Test
    void refusedFailoverHaltsWithExitOneAndStartsNothingAfterIt() {
        failovers.refuse = "target lags";
        RunOutcome out = run(graph(Order.SEQUENCE, failover("f"), maintain("b", "app1")), Gate.ALWAYS_SAFE, Fixtures.fast(),
                JournalState.fresh());
        assertThat(out.exitCode()).isEqualTo(ExitCode.UNSAFE);
        assertThat(out.message()).contains("halted at step f (failover): target lags", "nothing of this step was done");
        assertThat(cluster.calls()).isEmpty();
        assertThat(journal.events()).anyMatch(e -> e.event().equals("run-halted"));
    }

    @Test
    void dryRunReportsBlockedGatesAndChangesNothing() {
        List<String> said = new ArrayList<>();
        Gate gate = (step, down) -> GateVerdict.blocked(List.of(blocker("master-down")));
        Executor ex = new Executor(new RunDeps(inventory, gate, new DryRunFailover(said::add), new DryRunProbe(),
                new DryRunHookRunner(said::add), journal, progress), Fixtures.fast().withDryRun(true));
        RunOutcome out = ex.run(graph(Order.SEQUENCE, maintain("a", "app1"), failover("f")), JournalState.fresh(), "h");
        assertThat(out.exitCode()).as("a real run would halt at these gates").isEqualTo(ExitCode.UNSAFE);
        assertThat(out.wouldBlock()).hasSize(2);
        assertThat(said).contains("would run the down hook for app1: stop app1", "would run the up hook for app1: start app1");
        assertThat(said).anyMatch(s -> s.startsWith("would fail cache over to app2:6379"));
        assertThat(cluster.calls()).isEmpty();
        assertThat(progress.text()).contains("a real run would wait here");
    }
}
