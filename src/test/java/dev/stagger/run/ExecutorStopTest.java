package dev.stagger.run;

import static dev.stagger.run.Fixtures.graph;
import static dev.stagger.run.Fixtures.maintain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.ExitCode;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stop requests (Ctrl-C, SIGTERM) through the executor: the first is acknowledged and waits, the second ends hooks. */
class ExecutorStopTest {
    private final Inventory inventory = Fixtures.inventory();
    private final Journal.InMemory journal = Journal.inMemory();
    private final RecordingProgress progress = new RecordingProgress();

    @Test
    void theFirstRequestIsAcknowledgedAtOnceAndTheStepInProgressStillFinishes() throws Exception {
        FakeCluster cluster = new FakeCluster(inventory);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inDo = new CountDownLatch(1);
        cluster.blockers.put("a do", release);
        cluster.reached.put("a do", inDo);
        Executor ex = new Executor(new RunDeps(inventory, Gate.ALWAYS_SAFE, new FakeFailover(), cluster, cluster, journal, progress),
                Fixtures.fast());
        CompletableFuture<RunOutcome> out = CompletableFuture.supplyAsync(
                () -> ex.run(graph(Order.SEQUENCE, maintain("a", "app1"), maintain("b", "app2")), JournalState.fresh(), "h"));
        assertThat(inDo.await(5, TimeUnit.SECONDS)).isTrue();
        ex.stopRequested("TERM");
        assertThat(progress.text()).contains("stagger: SIGTERM: stopping after the steps in progress; no new step starts. In progress:\n"
                + "  step 1 of 2 a: no hook running");
        release.countDown();
        RunOutcome o = out.get(10, TimeUnit.SECONDS);
        assertThat(o.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(cluster.calls()).containsExactly("a down stop app1", "a do work app1", "a up start app1");
    }

    @Test
    void theSecondRequestEndsTheRunningHookAndSaysWhatItLeft() throws Exception {
        InstanceProbe probe = new InstanceProbe() {
            public boolean isDown(Instance instance) {
                return true;
            }

            public boolean isReady(Instance instance) {
                return true;
            }
        };
        ProcessHookRunner hooks = new ProcessHookRunner(Redactor.NONE, Duration.ofMillis(20), Duration.ofSeconds(2));
        Hooks slow = new Hooks(List.of("true"), List.of("sleep", "600"), List.of("echo", "start", "{host}"));
        Executor ex = new Executor(new RunDeps(inventory, Gate.ALWAYS_SAFE, new FakeFailover(), probe, hooks, journal, progress),
                Fixtures.fast());
        CompletableFuture<RunOutcome> out = CompletableFuture.supplyAsync(
                () -> ex.run(graph(Order.SEQUENCE, maintain("a", "app1", slow), maintain("b", "app2", slow)), JournalState.fresh(), "h"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hooks.running().stream().noneMatch(h -> h.call().phase() == Phase.DO)) {
            assertThat(System.nanoTime()).isLessThan(end);
            Thread.sleep(5);
        }
        long pid = hooks.running().get(0).pid();
        ex.stopRequested("INT");
        assertThat(progress.text()).contains("  step 1 of 2 a: the do hook for app1 (pid " + pid + ", running ");
        ex.stopRequested("INT");
        RunOutcome o = out.get(10, TimeUnit.SECONDS);
        assertThat(o.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(o.message()).startsWith("stopped at once (second Ctrl-C): 1 running hook(s) ended")
                .contains("app1 (step a): its do hook was ended mid-way: app1 is down and its maintenance is unfinished;"
                        + " bring it back with `echo start app1` (or start app1 by hand), then resume with: stagger run plan.yaml --resume")
                .endsWith("\nresume with: stagger run plan.yaml --resume");
        assertThat(new ProcessGroup(pid).members()).isEmpty();
        List<JournalEvent> events = journal.events();
        assertThat(events).anyMatch(e -> e.event().equals("hook-ended") && "was stopped by a second Ctrl-C".equals(e.detail("why")));
        JournalEvent last = events.get(events.size() - 1);
        assertThat(last.event()).isEqualTo("run-cancelled");
        assertThat(last.detail("forced")).isEqualTo("true");
        assertThat(events).noneMatch(e -> e.event().equals("step-started") && "b".equals(e.step()));
    }
}
