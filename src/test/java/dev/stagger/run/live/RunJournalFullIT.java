package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.LabCtl;
import dev.stagger.lab.RedisLab;
import dev.stagger.model.Target;
import dev.stagger.run.HookCall;
import dev.stagger.run.JournalEvent;
import dev.stagger.run.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's file system fills up in the middle of a real run (a small tmpfs; the step's own
 * {@code do} hook fills it): the run stops at once with exit 3, says that arb3 is down, the command
 * that brings it back and how to resume, and no "internal error". Once space is freed, a plain
 * {@code --resume} finishes the plan and arb3 is back.
 */
class RunJournalFullIT {
    @TempDir
    Path dir;

    @Test
    void aFullJournalDiskMidRunStopsSayingWhatIsDownAndResumeFinishesOnceSpaceIsFreed() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        String refused = mount(small);
        assumeTrue(refused == null, "cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN): " + refused);
        try (RedisLab lab = RedisLab.seed000()) {
            Path fill = small.resolve("fill");
            Path filledOnce = dir.resolve("filled-once");
            // Fills the device once (the resumed run runs this hook again: its end was never recorded),
            // then prints more than the journal's last allocated page can still take, so that the
            // next write fails here, in the do phase, whatever that page had left.
            String fillHook = "    do: " + LabPlan.json(List.of("sh", "-c", "if [ ! -e " + filledOnce + " ]; then touch "
                    + filledOnce + "; head -c 10M /dev/zero > " + fill + " 2>/dev/null; for i in $(seq 100); do echo"
                    + " \"the disk is full now, line $i of 100, padding padding padding padding padding\"; done; fi; true")) + "\n";
            LabPlan p = new LabPlan(lab.dir());
            p.maintain("maintain-arb3", "arb3", p.hooks("stop", "start") + fillHook + LabPlan.timing("500ms", "30s"));
            Path plan = p.write(dir, "full-disk", lab.inventory());
            Path journal = small.resolve("run.journal");

            CliResult r = CliResult.run("run", plan.toString(), "--yes", "--journal", journal.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            String upCommand = new HookCall("maintain-arb3", Phase.UP, Target.host("arb3"),
                    LabCtl.command("start", lab.dir(), "arb3")).commandLine();
            assertThat(r.err()).as(r.toString())
                    .contains("cannot write the journal " + journal + ": No space left on device",
                            "arb3 (step maintain-arb3, in phase do): bring it back with: " + upCommand,
                            "resume with: stagger run " + plan + " --journal " + journal + " --resume",
                            "the do hook for arb3 (step maintain-arb3) ran without its end on record: --resume runs it again")
                    .doesNotContain("internal error", "Exception");
            assertThat(lab.sentinel("arb3").isRunning()).as("arb3 was left down, as the message says").isFalse();
            List<JournalEvent> before = LabPlan.journal(journal);
            assertThat(LabPlan.indexOf(before, "phase-started", "maintain-arb3", "up")).as("nothing after the failed write").isEqualTo(-1);

            Files.delete(fill);
            CliResult resumed = CliResult.run("run", plan.toString(), "--yes", "--resume", "--journal", journal.toString());
            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            assertThat(lab.sentinel("arb3").isRunning()).as("arb3 is back").isTrue();
            List<JournalEvent> after = LabPlan.journal(journal);
            assertThat(after.get(after.size() - 1).event()).isEqualTo("run-done");
            assertThat(after.stream().filter(e -> e.event().equals("hook-started") && "down".equals(e.detail("phase"))))
                    .as("the down hook, whose end was recorded, ran once").hasSize(1);
        } finally {
            umount(small);
        }
    }

    /** @return null when mounted, else why not */
    private static String mount(Path at) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "mount did not finish";
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.exitValue() == 0 ? null : "mount exited " + p.exitValue() + ": " + out;
    }

    private static void umount(Path at) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", at.toString()).redirectErrorStream(true).start();
        p.waitFor(30, TimeUnit.SECONDS);
    }
}
