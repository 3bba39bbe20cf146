package dev.stagger.run;

import static dev.stagger.run.Fixtures.graph;
import static dev.stagger.run.Fixtures.maintain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Failovers count toward {@code --max-parallel}, and no two run at once whatever groups they move
 * (issue 8: two groups' failovers overlapped at the default --max-parallel 1, and a gate then blocked
 * on the split brain this run's own failover had caused).
 */
class ExecutorSchedulingTest {
    private final Inventory inventory = Fixtures.inventory();
    private final FakeCluster cluster = new FakeCluster(inventory);
    private final Meter failovers = new Meter();
    private final Journal.InMemory journal = Journal.inMemory();
    private final RecordingProgress progress = new RecordingProgress();

    /** A failover action that measures how many failovers are in progress at once and what else is. */
    private final class Meter implements FailoverAction {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final List<String> sawDown = new ArrayList<>();
        /** When set, a failover waits for this (a maintenance step reaching its do hook), then releases {@link #release}. */
        CountDownLatch await;
        CountDownLatch release;
        final List<java.util.Set<Instance>> targetDownNow = new ArrayList<>();

        @Override
        public Endpoint target(Step step, StepAction.Failover action, java.util.Set<Instance> downNow) {
            synchronized (targetDownNow) {
                targetDownNow.add(java.util.Set.copyOf(downNow));
            }
            return action.to();
        }

        @Override
        public List<String> failover(Step step, StepAction.Failover action, Endpoint target, Consumer<String> say) {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (await != null) {
                    await.await(10, TimeUnit.SECONDS);
                }
                synchronized (sawDown) {
                    sawDown.add(step.id() + (cluster.anyDown() ? " during maintenance" : " alone"));
                }
                StepRunner.sleep(java.time.Duration.ofMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                if (release != null) {
                    release.countDown();
                }
            }
            return List.of("promoted " + target);
        }

        @Override
        public boolean alreadyDone(Step step, StepAction.Failover action, Endpoint target) {
            return false;
        }
    }

    private static Step failover(String id, String service, String to) {
        return new Step(id, new StepAction.Failover(service, Endpoint.of(to, 6379), null), List.of(), Hooks.NONE,
                null, null, null, null, new Position("plan.yaml", 2, 5));
    }

    private RunOutcome run(StepGraph g, int maxParallel) {
        return run(g, maxParallel, Gate.ALWAYS_SAFE);
    }

    private RunOutcome run(StepGraph g, int maxParallel, Gate gate) {
        return new Executor(new RunDeps(inventory, gate, failovers, cluster, cluster, journal, progress),
                Fixtures.fast().withMaxParallel(maxParallel)).run(g, JournalState.fresh(), "h");
    }

    private List<String> events() {
        return journal.events().stream().map(e -> e.event() + (e.step() == null ? "" : " " + e.step())).toList();
    }

    @Test
    void twoUnorderedFailoversOfDifferentGroupsNeverOverlapAtAnyMaxParallel() {
        for (int maxParallel : new int[] {1, 2, 4}) {
            StepGraph g = graph(Order.GRAPH, failover("f1", "cache", "app2"), failover("f2", "queue", "app3"),
                    failover("f3", "cache", "app1"));
            assertThat(run(g, maxParallel).exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
            assertThat(failovers.most.get()).as("--max-parallel %d", maxParallel).isEqualTo(1);
        }
    }

    @Test
    void atMaxParallelTwoAFailoverMayOverlapAMaintenanceStepButNotAnotherFailover() {
        // The failover waits until the maintenance step is in its do hook (its host down), which in
        // turn waits for the failover: both must be in progress at once for either to go on quickly.
        CountDownLatch inDo = new CountDownLatch(1);
        CountDownLatch failoverDone = new CountDownLatch(1);
        cluster.reached.put("a do", inDo);
        cluster.blockers.put("a do", failoverDone);
        failovers.await = inDo;
        failovers.release = failoverDone;
        StepGraph g = graph(Order.GRAPH, maintain("a", "app3"), failover("f1", "cache", "app2"), failover("f2", "queue", "app3"));
        assertThat(run(g, 2).exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(failovers.most.get()).isEqualTo(1);
        assertThat(failovers.sawDown).contains("f1 during maintenance");
        assertThat(events()).containsSubsequence("step-done f1", "step-started f2");
    }

    @Test
    void atMaxParallelOneAFailoverWaitsForTheMaintenanceStepInProgress() {
        cluster.hookMillis = 20;
        StepGraph g = graph(Order.GRAPH, maintain("a", "app3"), failover("f", "cache", "app2"));
        assertThat(run(g, 1).exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(failovers.sawDown).containsExactly("f alone");
        assertThat(events()).containsSubsequence("step-done a", "step-started f");
        assertThat(progress.text()).doesNotContain("FAILED");
    }

    @Test
    void aFailoverChoosingItsTargetIsToldWhatAConcurrentStepHasDownSoItNeverPromotesThatReplica() {
        // a (app2, the replica of cache) is in its do hook while f1 (no `to:`) chooses its target: the
        // target must be chosen outside cache@app2, or the new master would go down with a. f1's gate
        // holds it until a is in its do hook, so f1 never starts first (its down set is taken when
        // it starts, before the target is chosen).
        CountDownLatch inDo = new CountDownLatch(1);
        CountDownLatch failoverDone = new CountDownLatch(1);
        cluster.reached.put("a do", inDo);
        cluster.blockers.put("a do", failoverDone);
        failovers.release = failoverDone;
        Gate untilAIsDown = (step, down) -> !step.id().equals("f1") || inDo.getCount() == 0 ? GateVerdict.safe()
                : GateVerdict.blocked(List.of(new Diagnostic(Position.NONE, Severity.ERROR, "overlap", List.of("f1"),
                        "cache@app2:6379", "the test holds f1 until a is in its do hook", "wait")));
        Step anyReplica = new Step("f1", new StepAction.Failover("cache", null, null), List.of(), Hooks.NONE,
                null, null, null, null, new Position("plan.yaml", 2, 5));
        StepGraph g = graph(Order.GRAPH, maintain("a", "app2"), anyReplica);
        assertThat(run(g, 2, untilAIsDown).exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(failovers.targetDownNow).hasSize(1);
        assertThat(failovers.targetDownNow.get(0)).contains(new Instance("cache", Endpoint.of("app2", 6379)));
    }
}
