package dev.stagger.run;

import static dev.stagger.run.Fixtures.graph;
import static dev.stagger.run.Fixtures.maintain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Hooks;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A journal that stops taking writes mid-run (disk full, read-only, I/O error) halts the run at once:
 * nothing starts without a record, the message says what is down, how to bring it back and how to
 * resume, and the exit code is 3 (2 when not even the first line was written: nothing was done).
 */
class JournalFailureTest {
    private final Inventory inventory = Fixtures.inventory();
    private final FakeCluster cluster = new FakeCluster(inventory);
    private RecordingProgress progress = new RecordingProgress();

    /** Takes {@code n} events, then fails every write as a full disk does. */
    static final class FailingJournal implements Journal {
        private final Journal.InMemory kept = Journal.inMemory();
        private int left;
        int attempts;
        /** Set by a test to fail every write from now on. */
        volatile boolean broken;

        FailingJournal(int n) {
            this.left = n;
        }

        @Override
        public synchronized void append(JournalEvent event) {
            attempts++;
            if (left-- <= 0 || broken) {
                throw new JournalWriteFailure("/var/lib/stagger/lab-maint.journal", "No space left on device", null);
            }
            kept.append(event);
        }

        List<String> events() {
            return kept.events().stream().map(JournalFailureTest::describe).toList();
        }
    }

    private static String describe(JournalEvent e) {
        return e.event() + (e.step() == null ? "" : " " + e.step()) + (e.detail("phase") == null ? "" : " " + e.detail("phase"));
    }

    private RunOutcome run(StepGraph g, Journal journal) {
        RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, new FakeFailover(), cluster, cluster, journal, progress);
        return new Executor(deps, Fixtures.fast()).run(g, JournalState.fresh(), "sha256:test");
    }

    /** How many events a healthy run of {@code g} records before the first one described as {@code what}. */
    private int eventsBefore(StepGraph g, String what) {
        Journal.InMemory healthy = Journal.inMemory();
        FakeCluster other = new FakeCluster(inventory);
        new Executor(new RunDeps(inventory, Gate.ALWAYS_SAFE, new FakeFailover(), other, other, healthy,
                new RecordingProgress()), Fixtures.fast()).run(g, JournalState.fresh(), "h");
        List<String> all = healthy.events().stream().map(JournalFailureTest::describe).toList();
        assertThat(all).contains(what);
        return all.indexOf(what);
    }

    @Test
    void aFailedWriteAfterTheDownHookStopsTheRunAndSaysWhatIsDownAndHowToBringItBack() {
        StepGraph g = graph(Order.SEQUENCE, maintain("a", "app1"), maintain("b", "app2"));
        FailingJournal journal = new FailingJournal(eventsBefore(g, "hook-done a down"));
        RunOutcome out = run(g, journal);

        assertThat(out.exitCode()).as(out.message()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(cluster.calls()).as("nothing after the write that failed").containsExactly("a down stop app1");
        assertThat(cluster.isDown(inventory.instancesOnHost("app1").get(0))).isTrue();
        assertThat(out.message()).isEqualTo("""
                cannot write the journal /var/lib/stagger/lab-maint.journal: No space left on device
                  the run stopped at once: no step or phase starts without a record (a running hook was let finish).
                  left down by the run, and how to bring each back:
                    app1 (step a, in phase down): bring it back with: start app1
                  free space on the journal's file system (or make it writable), then resume with: stagger run plan.yaml --resume
                    the down hook for app1 (step a) ran without its end on record: --resume runs it again""");
        assertThat(progress.text()).doesNotContain("internal error").contains(out.message());
        assertThat(journal.events()).last().isEqualTo("hook-started a down");
        assertThat(journal.attempts).as("one failed write, then no more tries").isEqualTo(journal.events().size() + 1);
    }

    @Test
    void aRunningHookIsLetFinishButNothingAfterItStarts() {
        StepGraph g = graph(Order.SEQUENCE, maintain("a", "app1"), maintain("b", "app2"));
        // The write that fails is the do hook's start, made while the hook process runs.
        FailingJournal journal = new FailingJournal(eventsBefore(g, "hook-started a do"));
        RunOutcome out = run(g, journal);

        assertThat(out.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(cluster.calls()).containsExactly("a down stop app1", "a do work app1");
        assertThat(out.message()).contains("app1 (step a, in phase do): bring it back with: start app1",
                "the do hook for app1 (step a) ran without its end on record: --resume runs it again");
        assertThat(journal.events()).last().isEqualTo("phase-started a do");
    }

    @Test
    void anOperatorStepSaysWhatToStartByHand() {
        progress = new RecordingProgress(instruction -> {
            if (instruction.startsWith("stop")) {
                cluster.takeDown("app1");
            }
        });
        StepGraph g = graph(Order.SEQUENCE, maintain("a", "app1", Hooks.NONE), maintain("b", "app2"));
        RunOutcome out = run(g, new FailingJournal(eventsBeforeWithOperator(g, "phase-started a do")));

        assertThat(out.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains(
                "app1 (step a, in phase confirm-down): start api@app1 and cache@app1 on app1 by hand");
        assertThat(cluster.calls()).isEmpty();
    }

    private int eventsBeforeWithOperator(StepGraph g, String what) {
        FakeCluster other = new FakeCluster(inventory);
        Journal.InMemory healthy = Journal.inMemory();
        RecordingProgress operator = new RecordingProgress(i -> {
            if (i.startsWith("stop")) {
                other.takeDown("app1");
            } else if (i.startsWith("start")) {
                other.bringUp("app1");
            }
        });
        new Executor(new RunDeps(inventory, Gate.ALWAYS_SAFE, new FakeFailover(), other, other, healthy, operator),
                Fixtures.fast()).run(g, JournalState.fresh(), "h");
        return healthy.events().stream().map(JournalFailureTest::describe).toList().indexOf(what);
    }

    @Test
    void aJournalThatCannotTakeTheFirstLineRefusesBeforeAnythingIsDone() {
        RunOutcome out = run(graph(Order.SEQUENCE, maintain("a", "app1")), new FailingJournal(0));
        assertThat(out.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(out.message()).contains("cannot write the journal /var/lib/stagger/lab-maint.journal: No space left on device",
                "nothing was done", "nothing is down.", "run the same command again");
        assertThat(cluster.calls()).isEmpty();
    }

    @Test
    void aFailedWriteAtTheLastLineStillSaysSoWithNothingDown() {
        StepGraph g = graph(Order.SEQUENCE, maintain("a", "app1"));
        RunOutcome out = run(g, new FailingJournal(eventsBefore(g, "run-done")));
        assertThat(out.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("nothing is down that the run took down", "resume with:");
        assertThat(cluster.anyDown()).isFalse();
    }

    @Test
    void aResumedStepLeftDownByTheLastRunIsListedWhenTheFirstWriteFails() {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        JournalState state = JournalState.replay(List.of(
                JournalEvent.of(t, "run-started", null, "plan", "maint", "plan_hash", "sha256:test", "resume", false),
                JournalEvent.of(t, "step-started", "a"),
                JournalEvent.of(t, "phase-started", "a", "phase", "down")));
        RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, new FakeFailover(), cluster, cluster, new FailingJournal(0), progress);
        RunOutcome out = new Executor(deps, Fixtures.fast()).run(graph(Order.SEQUENCE, maintain("a", "app1")), state, "sha256:test");
        assertThat(out.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(out.message()).contains("nothing was done", "app1 (step a, in phase down): bring it back with: start app1");
    }

    @Test
    void aDryRunKeepsItsJournalInMemory() {
        Journal.InMemory memory = Journal.inMemory();
        RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, new DryRunFailover(s -> { }), new DryRunProbe(),
                new DryRunHookRunner(s -> { }), memory, progress);
        RunOutcome out = new Executor(deps, Fixtures.fast().withDryRun(true))
                .run(graph(Order.SEQUENCE, maintain("a", "app1")), JournalState.fresh(), "h");
        assertThat(out.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(memory.events()).isNotEmpty();
    }

    @Test
    void aFileJournalOnDevFullFailsWithThePathAndTheSystemsMessage() {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isWritable(full), "/dev/full is not available here");
        try (FileJournal j = FileJournal.open(full, Redactor.NONE)) {
            assertThatThrownBy(() -> j.append(JournalEvent.of(Instant.now(), "run-done", null)))
                    .isInstanceOf(JournalWriteFailure.class)
                    .hasMessage("cannot write the journal /dev/full: No space left on device");
        }
    }

    @Test
    void aRunWithItsJournalOnDevFullIsRefusedBeforeItsFirstStep() {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isWritable(full), "/dev/full is not available here");
        try (FileJournal j = FileJournal.open(full, Redactor.NONE)) {
            RunOutcome out = run(graph(Order.SEQUENCE, maintain("a", "app1")), j);
            assertThat(out.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(out.message()).startsWith("cannot write the journal /dev/full: No space left on device")
                    .contains("nothing was done");
        }
        assertThat(cluster.calls()).isEmpty();
    }

    @Test
    void aStepThatIsOnlyWaitingStopsAtOnceInsteadOfWaitingOutItsTimeout() throws Exception {
        cluster.neverReady.add("app2");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        cluster.blockers.put("a do", release);
        StepGraph g = graph(Order.GRAPH, maintain("a", "app1"),
                Fixtures.withTimes(maintain("b", "app2"), java.time.Duration.ofMillis(10), java.time.Duration.ofSeconds(60)));
        FailingJournal journal = new FailingJournal(Integer.MAX_VALUE);
        RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, new FakeFailover(), cluster, cluster, journal, progress);
        java.util.concurrent.CompletableFuture<RunOutcome> run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new Executor(deps, Fixtures.fast().withMaxParallel(2)).run(g, JournalState.fresh(), "h"));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!journal.events().contains("phase-started b ready")) {
            assertThat(System.nanoTime()).as("b reaches its ready wait").isLessThan(deadline);
            Thread.sleep(5);
        }
        journal.broken = true;
        release.countDown(); // a's do hook ends; its hook-done is the write that fails
        RunOutcome out = run.get(15, java.util.concurrent.TimeUnit.SECONDS); // b's ready_timeout is 60 s
        assertThat(out.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("app1 (step a, in phase do): bring it back with: start app1",
                "app2 (step b, in phase ready): its up hook may have brought it back; if it is not up, bring it back with: start app2");
        assertThat(cluster.calls()).doesNotContain("a up start app1");
    }

    @Test
    void anOperatorWhoWasNeverToldToStopLeftNothingDown() {
        StepGraph g = graph(Order.SEQUENCE, maintain("a", "app1", Hooks.NONE));
        RunOutcome out = run(g, new FailingJournal(eventsBeforeWithOperator(g, "operator a down")));
        assertThat(out.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("nothing is down that the run took down").doesNotContain("app1 (step a");
        assertThat(progress.text()).doesNotContain("OPERATOR: stop");
    }
}
