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
            assertThat(events).anyMatch(e -> e.event().equals("hook-output") && e.detail("line").contains("cannot reach arb3"));
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
