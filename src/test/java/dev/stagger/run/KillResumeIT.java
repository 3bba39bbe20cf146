package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real run in the middle of a step's {@code do} hook, then a resume in a new
 * JVM: the finished step is not repeated, the interrupted step continues (its surviving hook is
 * waited for, its down hook is not run again), and the plan finishes.
 */
class KillResumeIT {
    @TempDir
    Path dir;

    private Process start(String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                ResumeHarness.class.getName(), dir.toString()));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run" + extra.length + ".out").toFile()).start();
    }

    private List<String> log() throws Exception {
        Path p = dir.resolve("hooks.log");
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    @Test
    void killedMidStepThenResumedFinishesWithoutRepeatingFinishedWork() throws Exception {
        Process first = start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!log().contains("app2-do-start")) {
            assertThat(System.nanoTime()).as("the first run reaches step two's do hook").isLessThan(deadline);
            assertThat(first.isAlive()).as(Files.readString(dir.resolve("run0.out"))).isTrue();
            Thread.sleep(10);
        }
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new File(dir.toFile(), "app2.down")).exists();

        Process second = start("resume");
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("run1.out"));
        assertThat(second.exitValue()).as(out).isZero();
        assertThat(out).contains("resuming: 1 of 3 steps already done, continuing two");

        List<String> log = log();
        assertThat(log).containsOnlyOnce("app1-down", "app1-do-start", "app1-up", "app2-down", "app2-up",
                "app3-down", "app3-do-start", "app3-up");
        // The interrupted do hook survived the kill: it is waited for, then run again to completion.
        assertThat(log.stream().filter("app2-do-start"::equals)).hasSize(2);
        assertThat(log.indexOf("app2-up")).isGreaterThan(log.lastIndexOf("app2-do-start"));
        assertThat(dir.resolve("app2.down")).doesNotExist();

        JournalState state = JournalState.replay(FileJournal.read(FileJournal.defaultPath(dir, "lab", "maint")));
        assertThat(state.finished()).isTrue();
        assertThat(state.completed()).containsExactlyInAnyOrder("one", "two", "three");
    }
}
