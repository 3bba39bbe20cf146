package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks as real processes: exit codes, output, redaction, and no shell in between. */
class ProcessHookRunnerIT {
    private final ProcessHookRunner runner = new ProcessHookRunner(new Redactor(List.of("hunter2")), Duration.ofMillis(20));
    private final List<String> output = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    private final HookRunner.Listener listener = new HookRunner.Listener() {
        public void started(long pid) {
            pids.add(pid);
        }

        public synchronized void output(String line) {
            output.add(line);
        }

        public void running(Duration elapsed) {
        }
    };

    private HookCall call(String... command) {
        return new HookCall("s", Phase.DO, Target.host("app1"), List.of(command));
    }

    @Test
    void aZeroExitIsSuccessAndThePidIsReported() {
        runner.run(call("true"), listener);
        assertThat(pids).singleElement().matches(p -> p > 0);
    }

    @Test
    void aNonZeroExitFailsWithTheCommandAndItsLastOutputRedacted() {
        assertThatThrownBy(() -> runner.run(call("sh", "-c", "echo connecting with hunter2; echo oops >&2; exit 3"), listener))
                .isInstanceOf(RunFailure.class)
                .hasMessageContaining("the do hook for app1 exited 3: `sh -c 'echo connecting with *** ; echo oops >&2; exit 3'`".replace("*** ;", "***;"))
                .hasMessageContaining("connecting with ***\n    oops")
                .hasMessageNotContaining("hunter2");
        assertThat(output).containsExactly("connecting with ***", "oops");
    }

    @Test
    void aCommandThatCannotStartIsAFailureNamingIt() {
        assertThatThrownBy(() -> runner.run(call("/nonexistent/stagger-hook", "x"), listener))
                .isInstanceOf(RunFailure.class).hasMessageContaining("could not start: `/nonexistent/stagger-hook x`");
    }

    @Test
    void argumentsReachTheCommandAsWrittenWithoutAShell(@TempDir Path dir) {
        Path marker = dir.resolve("pwned");
        runner.run(call("printf", "%s", "$(touch " + marker + "); rm -rf /"), listener);
        assertThat(output).containsExactly("$(touch " + marker + "); rm -rf /");
        assertThat(marker).doesNotExist();
    }

    @Test
    void aSlowHookReportsThatItIsStillRunning() {
        List<Duration> ticks = new ArrayList<>();
        runner.run(call("sleep", "0.2"), new HookRunner.Listener() {
            public void started(long pid) {
            }

            public void output(String line) {
            }

            public void running(Duration elapsed) {
                ticks.add(elapsed);
            }
        });
        assertThat(ticks).hasSizeGreaterThan(3);
    }
}
