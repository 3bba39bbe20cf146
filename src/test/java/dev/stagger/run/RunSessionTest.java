package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.ExitCode;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session around the executor: journal rules, confirmation, lock, dry run, secrets in files. */
class RunSessionTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeFailover failovers = new FakeFailover();

    /** Live parts that answer at once: a safe gate and instances that go down and come back instantly. */
    private final LiveParts.Factory live = inventory -> new LiveParts() {
        public Gate gate() {
            return Gate.ALWAYS_SAFE;
        }

        public FailoverAction failover() {
            return failovers;
        }

        public InstanceProbe probe() {
            return new InstanceProbe() {
                public boolean isDown(Instance i) {
                    return true;
                }

                public boolean isReady(Instance i) {
                    return true;
                }
            };
        }

        public java.util.Optional<LockStore> lockStore() {
            return java.util.Optional.of(clusterLock());
        }

        public void close() {
        }
    };

    /** Stands for the lock in the cluster: one place whatever the run's directory or journal. */
    private RunLock clusterLock() {
        return RunLock.at(dir.resolve("in-the-cluster/lab.lock"));
    }

    private ClusterLock holdLock(String plan, Path journal) {
        return ClusterLock.acquire(clusterLock(), new ClusterLock.Request("lab", plan, journal, Duration.ofMinutes(1),
                false, false), s -> { });
    }

    private LoadedPlan plan(Hooks hooks) {
        return new LoadedPlan(new Plan("maint", "plan.yaml", "inventory.yaml", Order.SEQUENCE,
                List.of(Fixtures.maintain("a", "app1", hooks), Fixtures.failover("f"), Fixtures.maintain("b", "app2", hooks))),
                Fixtures.inventory(new dev.stagger.model.Auth("default", "REDIS_PASSWORD", null, false)));
    }

    private static final Hooks ECHO = new Hooks(List.of("echo", "down {host} with hunter2"), List.of("true"), List.of("true"));

    private int run(LoadedPlan p, boolean dryRun, boolean yes, boolean resume, boolean interactive, String stdin) {
        RunSession.Options o = new RunSession.Options(dryRun, yes, resume, null, 1, Duration.ofSeconds(1), false,
                "stagger run plan.yaml --resume", dir);
        RunSession.Terminal t = new RunSession.Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader(stdin)), interactive);
        return new RunSession(o, t, Map.of("REDIS_PASSWORD", "hunter2")::get, Duration.ofMillis(5), Duration.ofMillis(5),
                Duration.ofSeconds(10)).run(p, live);
    }

    private Path journal() {
        return FileJournal.defaultPath(dir, "lab", "maint");
    }

    @Test
    void aRunPrintsThePlanJournalsEverythingWithoutSecretsAndReleasesTheLock() throws Exception {
        assertThat(run(plan(ECHO), false, true, false, false, "")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("  1. a: maintain app1", "  2. f: failover cache to app2:6379");
        String journal = Files.readString(journal());
        assertThat(journal).contains("\"tail\":\"down app1 with ***\"").doesNotContain("hunter2");
        assertThat(JournalState.replay(FileJournal.read(journal())).finished()).isTrue();
        assertThat(clusterLock().path()).as("released").doesNotExist();
        assertThat(dir.resolve(".stagger/lab.lock")).doesNotExist();
        assertThat(err.toString()).contains("done: 3 of 3 steps").doesNotContain("hunter2");
    }

    @Test
    void withoutATerminalAndWithoutYesNothingHappens() {
        assertThatThrownBy(() -> run(plan(ECHO), false, false, false, false, ""))
                .hasMessageContaining("pass --yes");
        assertThat(journal()).doesNotExist();
        assertThat(failovers.performed).isEmpty();
    }

    @Test
    void theOperatorConfirmsByTypingYes() {
        assertThat(run(plan(ECHO), false, false, false, true, "yes\n")).isZero();
        assertThat(err.toString()).contains("Type yes to continue");
    }

    @Test
    void anUnfinishedRunIsNotStartedOverWithoutResume() {
        try (FileJournal j = FileJournal.open(journal(), Redactor.NONE)) {
            j.append(JournalEvent.of(java.time.Instant.now(), "run-started", null, "plan", "maint",
                    "plan_hash", PlanHash.of(plan(ECHO).plan()), "resume", "false"));
            j.append(JournalEvent.of(java.time.Instant.now(), "step-done", "a"));
        }
        assertThatThrownBy(() -> run(plan(ECHO), false, true, false, false, ""))
                .hasMessageContaining("records an unfinished run of this plan: 1 of 3 steps done")
                .hasMessageContaining("Pass --resume")
                .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
        assertThat(run(plan(ECHO), false, true, true, false, "")).isZero();
        assertThat(out.toString()).contains("a: maintain app1  [done: skipped]");
        assertThat(err.toString()).contains("resuming: 1 of 3 steps already done");
        assertThat(run(plan(ECHO), false, true, true, false, "")).isZero();
        assertThat(err.toString()).contains("already finished");
    }

    @Test
    void resumeWithNoJournalOrAChangedPlanIsBadInput() {
        assertThatThrownBy(() -> run(plan(ECHO), false, true, true, false, "")).hasMessageContaining("nothing to resume");
        try (FileJournal j = FileJournal.open(journal(), Redactor.NONE)) {
            j.append(JournalEvent.of(java.time.Instant.now(), "run-started", null, "plan", "maint",
                    "plan_hash", "sha256:other", "resume", "false"));
        }
        assertThatThrownBy(() -> run(plan(ECHO), false, true, true, false, "")).hasMessageContaining("the plan changed");
    }

    @Test
    void aSecondRunOnTheClusterIsRefusedByTheLockWhateverItsDirectoryOrJournal() throws Exception {
        Path elsewhere = dir.resolve("elsewhere/.stagger/lab-other-plan.journal");
        try (ClusterLock other = holdLock("other-plan", elsewhere)) {
            assertThatThrownBy(() -> run(plan(ECHO), false, true, false, false, ""))
                    .hasMessageContaining("another run holds the lock on cluster lab").hasMessageContaining("plan other-plan")
                    .hasMessageContaining("journal " + elsewhere)
                    .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.UNSAFE));
            assertThat(journal()).doesNotExist();
            assertThat(clusterLock().read().orElseThrow().plan()).isEqualTo("other-plan");
            // The dry run takes no lock, and says who holds it.
            assertThat(run(plan(ECHO), true, false, false, false, "")).isZero();
            assertThat(err.toString()).contains("[dry-run] the run lock of cluster lab (the lock file "
                    + clusterLock().path() + " (policy.lock)) is held by " + System.getProperty("user.name"),
                    "a real run now would be refused");
        }
    }

    @Test
    void anUnfinishedJournalNamesTheLockHolderAndOffersNoOtherJournal() {
        try (FileJournal j = FileJournal.open(journal(), Redactor.NONE)) {
            j.append(JournalEvent.of(java.time.Instant.now(), "run-started", null, "plan", "maint",
                    "plan_hash", PlanHash.of(plan(ECHO).plan()), "resume", "false"));
        }
        try (ClusterLock writer = holdLock("maint", journal())) {
            assertThatThrownBy(() -> run(plan(ECHO), false, true, false, false, ""))
                    .hasMessageContaining("the cluster's run lock is held by " + System.getProperty("user.name"))
                    .hasMessageContaining("(the run writing this journal)")
                    .hasMessageContaining("Pass --resume")
                    .hasMessageContaining("then move or delete " + journal() + " deliberately")
                    .hasMessageNotContaining("--journal NEW");
        }
    }

    @Test
    void dryRunTouchesNoJournalNoLockAndRunsNothing() {
        Hooks marker = new Hooks(List.of("touch", dir.resolve("ran").toString()), List.of(), List.of("true"));
        assertThat(run(plan(marker), true, false, false, false, "")).isZero();
        assertThat(dir.resolve("ran")).doesNotExist();
        assertThat(dir.resolve(".stagger")).doesNotExist();
        assertThat(failovers.performed).isEmpty();
        assertThat(err.toString()).contains("[dry-run] would run the down hook for app1: touch ", "[dry-run] would fail cache over");
    }

    @Test
    void placeholdersWithoutValuesAreRefusedBeforeAnything() {
        Hooks bad = new Hooks(List.of("stop", "{port}"), List.of(), List.of("true"));
        assertThatThrownBy(() -> run(plan(bad), false, true, false, false, ""))
                .hasMessageContaining("{port} has no single value for app1");
    }
}
