package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.run.JournalEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps that fail on a real lab stop the run with exit 3, and the journal says exactly where. */
class RunFailureIT {
    @TempDir
    Path dir;

    /**
     * Operator mode: a step without hooks tells the person what to do and watches the probes. The
     * "person" here is the test, reading the journal's operator events and acting on the lab.
     */
    @Test
    void aStepWithoutHooksWaitsForThePersonToStopAndStartTheHost() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path plan = new LabPlan(lab.dir()).maintain("maintain-arb3", "arb3", LabPlan.timing("500ms", "30s"))
                    .write(dir, "by-hand", lab.inventory());
            Path journal = dir.resolve("operator.journal");
            java.util.concurrent.CompletableFuture<CliResult> run = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> CliResult.run("run", plan.toString(), "--yes", "--journal", journal.toString()));
            awaitEvent(journal, "operator", "down");
            Thread.sleep(1500);
            assertThat(lab.sentinel("arb3").isRunning()).as("nothing is stopped for the person").isTrue();
            assertThat(run).isNotDone();
            lab.stop("arb3");
            awaitEvent(journal, "operator", "up");
            Thread.sleep(1500);
            assertThat(run).as("it waits for the host to come back").isNotDone();
            lab.start("arb3");
            CliResult r = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("OPERATOR: stop watchers@arb3 on arb3 now; I am watching for them to go down",
                    "arb3 stopped answering", "OPERATOR: start watchers@arb3 on arb3 now", "arb3 ready (min_ready 500ms)");
        }
    }

    private static void awaitEvent(Path journal, String event, String phase) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            if (java.nio.file.Files.exists(journal) && LabPlan.indexOf(LabPlan.journal(journal), event, null, phase) >= 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + event + " event for phase " + phase + " in " + journal);
    }

    @Test
    void aFailingHookAndAHostThatNeverBecomesReadyStopTheRunWithExitThree() {
        try (RedisLab lab = RedisLab.seed000()) {
            LabPlan failing = new LabPlan(lab.dir()).maintain("maintain-arb3", "arb3",
                    "    down: [\"sh\", \"-c\", \"echo cannot reach {host} >&2; exit 7\"]\n" + LabPlan.timing("500ms", "10s"));
            Path journal1 = dir.resolve("hook.journal");
            CliResult r = CliResult.run("run", failing.write(dir, "hook-fails", lab.inventory()).toString(), "--yes",
                    "--journal", journal1.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("run failed at step maintain-arb3 (down)", "resume with:");
            List<JournalEvent> events = LabPlan.journal(journal1);
            assertThat(events).anyMatch(e -> e.event().equals("hook-output") && e.detail("tail").contains("cannot reach arb3"));
            assertThat(events).anyMatch(e -> e.event().equals("step-failed") && "down".equals(e.detail("phase")));
            JournalEvent last = events.get(events.size() - 1);
            assertThat(last.event()).isEqualTo("run-failed");
            assertThat(last.step()).isEqualTo("maintain-arb3");
            assertThat(LabPlan.indexOf(events, "phase-started", "maintain-arb3", "confirm-down")).as("nothing after the failed hook").isEqualTo(-1);
            assertThat(lab.sentinel("arb3").isRunning()).isTrue();

            LabPlan neverReady = new LabPlan(lab.dir()).maintain("maintain-arb3", "arb3",
                    new LabPlan(lab.dir()).hooks("stop", "start").replaceAll("(?s)    up: .*", "")
                            + "    up: [\"true\"]\n" + LabPlan.timing("500ms", "2s"));
            Path journal2 = dir.resolve("ready.journal");
            r = CliResult.run("run", neverReady.write(dir, "never-ready", lab.inventory()).toString(), "--yes",
                    "--journal", journal2.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("run failed at step maintain-arb3 (ready)", "did not become ready within ready_timeout 2s",
                    "watchers@arb3");
            events = LabPlan.journal(journal2);
            assertThat(events).anyMatch(e -> e.event().equals("phase-done") && "up".equals(e.detail("phase")));
            assertThat(events).anyMatch(e -> e.event().equals("step-failed") && "ready".equals(e.detail("phase")));
            assertThat(events.get(events.size() - 1).event()).isEqualTo("run-failed");
            assertThat(lab.sentinel("arb3").isRunning()).isFalse();
        }
    }
}
