package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A write_check command on real processes: exit 0 passes; a non-zero exit fails saying the exit code
 * and the end of its output (secrets redacted); past its timeout the whole process group is ended
 * (a child it started too) and the check has failed; a program that does not exist fails to start.
 */
class CheckCommandIT {
    private final Redactor redactor = new Redactor(List.of("s3cret"));

    @Test
    void exitZeroPasses() {
        assertThat(new CheckCommand(redactor, Duration.ofSeconds(5)).whyFailed(List.of("true"))).isEmpty();
    }

    @Test
    void aNonZeroExitSaysTheCodeAndTheLastOutputRedacted() {
        Optional<String> why = new CheckCommand(redactor, Duration.ofSeconds(5)).whyFailed(
                List.of("sh", "-c", "echo first; echo 'READONLY with s3cret' >&2; exit 3"));
        assertThat(why).hasValueSatisfying(w -> assertThat(w).contains("exited 3: first | READONLY with ***")
                .doesNotContain("s3cret"));
    }

    @Test
    void pastItsTimeoutTheWholeGroupIsEndedAndTheCheckFails() {
        long started = System.nanoTime();
        Optional<String> why = new CheckCommand(redactor, Duration.ofMillis(500)).whyFailed(
                List.of("sh", "-c", "sleep 30 & echo started $!; wait"));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(why).hasValueSatisfying(w -> assertThat(w).contains("timed out after 500ms", "was ended", "started"));
        assertThat(ms).as("ended, not waited for (30 s)").isLessThan(15_000);
        String pid = why.get().replaceAll("(?s).*started (\\d+).*", "$1");
        assertThat(running(pid)).as("the child it started is gone too (at most a zombie)").isFalse();
    }

    /** Alive and not a zombie waiting for a parent that is gone. */
    private static boolean running(String pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aMissingProgramFails() {
        assertThat(new CheckCommand(redactor, Duration.ofSeconds(5)).whyFailed(List.of("/nonexistent/check-write")))
                .hasValueSatisfying(w -> assertThat(w).contains("/nonexistent/check-write"));
    }
}
