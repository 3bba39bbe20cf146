package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabCtl;
import dev.stagger.lab.RedisLab;
import dev.stagger.run.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group of the real jar. Hooks
 * run in sessions of their own, so the first Ctrl-C reaches stagger alone: it is acknowledged at
 * once, the hook and the server it started live on, the step finishes and the run exits 130 with the
 * resume command. A second Ctrl-C ends the running hook's process group and says what it left.
 */
class RunStopIT {
    @TempDir
    Path dir;

    /** {@code sh -c SCRIPT sh LabCtl...}: the script runs the LabCtl command as {@code "$@"}. */
    private static String shWithLabCtl(String script, Path labDir, String action) {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        cmd.addAll(LabCtl.command(action, labDir, "{host}"));
        return LabPlan.json(cmd);
    }

    private static void awaitFile(Path p, JarRun run) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(p)) {
            assertThat(run.isAlive()).as("stagger still runs; stderr:\n" + run.err()).isTrue();
            assertThat(System.nanoTime()).as("waiting for " + p + "; stderr:\n" + run.err()).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void theFirstCtrlCIsAcknowledgedAndTheRunStopsAfterTheStepWithTheServerItsHookStarted() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path started = dir.resolve("up-started");
            LabPlan plan = new LabPlan(lab.dir());
            plan.maintain("arb3-first", "arb3", "    down: " + LabPlan.json(LabCtl.command("stop", lab.dir(), "{host}")) + "\n"
                    + "    up: " + shWithLabCtl("\"$@\" && touch " + started + " && sleep 4 && echo up hook finished", lab.dir(), "start") + "\n"
                    + LabPlan.timing("500ms", "30s"));
            plan.maintain("arb3-again", "arb3", "200ms", "30s");
            Path planFile = plan.write(dir, "stop-once", lab.inventory());
            Path journal = dir.resolve("once.journal");
            try (JarRun run = JarRun.start(dir, dir.resolve("stderr"), "run", planFile.toString(), "--yes",
                    "--journal", journal.toString())) {
                awaitFile(started, run);
                long sent = System.nanoTime();
                run.signalGroup("INT");
                Duration ack = run.awaitErr("stagger: Ctrl-C: stopping after the steps in progress", Duration.ofSeconds(5));
                int exit = run.awaitExit(Duration.ofSeconds(40));
                Duration toExit = Duration.ofNanos(System.nanoTime() - sent);
                System.out.println("first Ctrl-C: acknowledged after " + ack.toMillis() + " ms, exit " + exit + " after "
                        + toExit.toMillis() + " ms (the up hook had 4 s to go, then min_ready 500ms)");
                String err = run.err();
                assertThat(exit).as(err).isEqualTo(130);
                assertThat(ack).as("acknowledged within a second (generous on a loaded machine)").isLessThan(Duration.ofSeconds(3));
                assertThat(toExit).as("the hook's own time plus a few seconds").isLessThan(Duration.ofSeconds(25));
                assertThat(err).contains("step 1 of 2 arb3-first: the up hook for arb3 (pid ",
                        "To stop at once, press Ctrl-C again", "[arb3-first arb3 up] up hook finished",
                        "arb3 ready (min_ready 500ms)", "cancelled at a safe point", "resume with: stagger run")
                        .doesNotContain("hook for arb3 exited");
            }
            assertThat(lab.sentinel("arb3").isRunning()).as("the sentinel the up hook started outlived the Ctrl-C").isTrue();
            List<JournalEvent> events = LabPlan.journal(journal);
            assertThat(LabPlan.indexOf(events, "step-done", "arb3-first", null)).isPositive();
            assertThat(LabPlan.indexOf(events, "step-started", "arb3-again", null)).as("nothing new starts").isEqualTo(-1);
            assertThat(events.get(events.size() - 1).event()).isEqualTo("run-cancelled");
        }
    }

    @Test
    void aSecondCtrlCEndsTheRunningHooksGroupAndSaysWhatItLeft() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path started = dir.resolve("do-started");
            LabPlan plan = new LabPlan(lab.dir());
            plan.maintain("arb3-work", "arb3", plan.hooks("stop", "start")
                    + "    do: [\"sh\", \"-c\", \"touch " + started + "; if [ -e " + dir.resolve("quick") + " ]; then :; else sleep 600 & sleep 600; fi\"]\n"
                    + LabPlan.timing("500ms", "30s"));
            Path planFile = plan.write(dir, "stop-twice", lab.inventory());
            Path journal = dir.resolve("twice.journal");
            try (JarRun run = JarRun.start(dir, dir.resolve("stderr"), "run", planFile.toString(), "--yes",
                    "--journal", journal.toString())) {
                awaitFile(started, run);
                run.signalGroup("INT");
                run.awaitErr("To stop at once, press Ctrl-C again", Duration.ofSeconds(5));
                long sent = System.nanoTime();
                run.signalGroup("INT");
                int exit = run.awaitExit(Duration.ofSeconds(30));
                Duration toExit = Duration.ofNanos(System.nanoTime() - sent);
                String err = run.err();
                System.out.println("second Ctrl-C: exit " + exit + " after " + toExit.toMillis() + " ms; stderr:\n" + err);
                assertThat(exit).as(err).isEqualTo(130);
                assertThat(toExit).as("TERM ends sh and sleep at once; KILL would come after 10s").isLessThan(Duration.ofSeconds(20));
                assertThat(err).contains("stopped at once (second Ctrl-C): 1 running hook(s) ended",
                        "arb3 (step arb3-work): its do hook was ended mid-way: arb3 is down and its maintenance is unfinished;"
                                + " bring it back with `", "LabCtl start " + lab.dir() + " arb3` (or start arb3 by hand), then resume with: stagger run",
                        "--resume");
            }
            List<JournalEvent> events = LabPlan.journal(journal);
            JournalEvent hook = events.stream().filter(e -> e.event().equals("hook-started") && "do".equals(e.detail("phase")))
                    .findFirst().orElseThrow();
            long pgid = Long.parseLong(hook.detail("pid"));
            assertThat(JarRun.groupMembers(pgid)).as("nothing of the do hook's group is left").isEmpty();
            assertThat(events).anyMatch(e -> e.event().equals("hook-ended") && "do".equals(e.detail("phase"))
                    && e.detail("why").equals("was stopped by a second Ctrl-C"));
            JournalEvent last = events.get(events.size() - 1);
            assertThat(last.event()).isEqualTo("run-cancelled");
            assertThat(last.detail("forced")).isEqualTo("true");
            assertThat(last.detail("message")).contains("its do hook was ended mid-way");
            assertThat(lab.sentinel("arb3").isRunning()).as("left down, as the message says").isFalse();

            // The printed resume command finishes the step: the do hook runs again (quickly now), then up and ready.
            Files.createFile(dir.resolve("quick"));
            try (JarRun resume = JarRun.start(dir, dir.resolve("stderr-resume"), "run", planFile.toString(),
                    "--journal", journal.toString(), "--resume", "--yes")) {
                assertThat(resume.awaitExit(Duration.ofSeconds(60))).as(resume.err()).isZero();
            }
            assertThat(lab.sentinel("arb3").isRunning()).isTrue();
        }
    }

    @Test
    void sigtermToStaggerAloneIsAStopRequestToo() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path started = dir.resolve("do-started");
            LabPlan plan = new LabPlan(lab.dir());
            plan.maintain("arb3-work", "arb3", plan.hooks("stop", "start")
                    + "    do: [\"sh\", \"-c\", \"touch " + started + "; sleep 2; echo do finished\"]\n"
                    + LabPlan.timing("200ms", "30s"));
            plan.maintain("arb3-again", "arb3", "200ms", "30s");
            Path planFile = plan.write(dir, "term", lab.inventory());
            try (JarRun run = JarRun.start(dir, dir.resolve("stderr"), "run", planFile.toString(), "--yes",
                    "--journal", dir.resolve("term.journal").toString())) {
                awaitFile(started, run);
                Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(run.pid())).start();
                assertThat(kill.waitFor()).isZero();
                run.awaitErr("stagger: SIGTERM: stopping after the steps in progress", Duration.ofSeconds(5));
                int exit = run.awaitExit(Duration.ofSeconds(40));
                assertThat(exit).as(run.err()).isEqualTo(130);
                assertThat(run.err()).contains("[arb3-work arb3 do] do finished", "cancelled at a safe point: 1 of 2 steps done");
            }
            assertThat(lab.sentinel("arb3").isRunning()).isTrue();
        }
    }
}
