package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks as real processes: exit codes, output, redaction, no shell in between, a session of their
 * own, and a hook_timeout that ends the whole process group.
 */
class ProcessHookRunnerIT {
    private final ProcessHookRunner runner = new ProcessHookRunner(new Redactor(List.of("hunter2")), Duration.ofMillis(20),
            Duration.ofSeconds(2));
    private final List<String> output = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();
    private final List<String> ended = new ArrayList<>();
    private volatile HookOutput.Summary summary;

    private final HookRunner.Listener listener = new HookRunner.Listener() {
        public synchronized void started(long pid) {
            pids.add(pid);
        }

        public synchronized void output(CharSequence lines) {
            output.addAll(List.of(lines.toString().split("\n")));
        }

        public void running(Duration elapsed) {
        }

        public void outputDone(HookOutput.Summary s) {
            summary = s;
        }

        public void ended(String why, String how) {
            ended.add(why + " / " + how);
        }
    };

    private static HookCall call(String... command) {
        return new HookCall("s", Phase.DO, Target.host("app1"), List.of(command));
    }

    private static HookCall call(Duration timeout, String... command) {
        return new HookCall("s", Phase.DO, Target.host("app1"), List.of(command), timeout);
    }

    @Test
    void aZeroExitIsSuccessAndThePidIsReported() {
        runner.run(call("true"), listener);
        assertThat(pids).singleElement().matches(p -> p > 0);
        assertThat(runner.lastFinished("s", Target.host("app1"))).contains(Phase.DO);
    }

    @Test
    void aNonZeroExitFailsWithTheCommandAndItsLastOutputRedacted() {
        assertThatThrownBy(() -> runner.run(call("sh", "-c", "echo connecting with hunter2; echo oops >&2; exit 3"), listener))
                .isInstanceOf(RunFailure.class)
                .hasMessageContaining("the do hook for app1 exited 3: `sh -c 'echo connecting with *** ; echo oops >&2; exit 3'`".replace("*** ;", "***;"))
                .hasMessageContaining("connecting with ***\n    oops")
                .hasMessageNotContaining("hunter2");
        assertThat(output).containsExactly("connecting with ***", "oops");
        assertThat(summary.tail()).isEqualTo("connecting with ***\noops");
        assertThat(summary.describe()).isEqualTo("2 lines, 29 bytes");
    }

    @Test
    void aCommandThatCannotStartIsAFailureNamingIt() {
        assertThatThrownBy(() -> runner.run(call("/nonexistent/stagger-hook", "x"), listener))
                .isInstanceOf(RunFailure.class).hasMessageContaining("/nonexistent/stagger-hook x");
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

            public void output(CharSequence lines) {
            }

            public void running(Duration elapsed) {
                ticks.add(elapsed);
            }
        });
        assertThat(ticks).hasSizeGreaterThan(3);
    }

    @Test
    void aHookRunsInASessionAndProcessGroupOfItsOwn(@TempDir Path dir) throws Exception {
        Path stat = dir.resolve("stat");
        // The hook reads its own /proc entry: pid, session and group as the kernel sees them.
        runner.run(call("sh", "-c", "cat /proc/$$/stat > " + stat), listener);
        String[] fields = Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).split(" ");
        long pid = pids.get(0);
        long group = Long.parseLong(fields[2]);
        long sessionId = Long.parseLong(fields[3]);
        long ours = ProcessGroup.of(ProcessHandle.current().pid()).orElseThrow();
        assertThat(group).as("its process group is its own pid").isEqualTo(pid);
        assertThat(sessionId).as("it leads its own session").isEqualTo(pid);
        assertThat(group).as("not stagger's group, which the terminal's Ctrl-C reaches").isNotEqualTo(ours);
    }

    @Test
    void aHookThatRunsPastItsTimeoutIsEndedWithItsWholeGroup() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(call(Duration.ofSeconds(2), "sleep", "600"), listener))
                .isInstanceOf(RunFailure.class)
                .hasMessageContaining("the do hook for app1 ran past its hook_timeout 2s: ended its process group (TERM, then KILL after 2s)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(ended).singleElement().asString().startsWith("ran past its hook_timeout 2s");
        assertThat(new ProcessGroup(pids.get(0)).members()).isEmpty();
    }

    @Test
    void aTimeoutAlsoEndsWhatTheHookStartedInTheBackground() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> runner.run(call(Duration.ofSeconds(2), "sh", "-c", "sleep 600 & sleep 600"), listener))
                .isInstanceOf(RunFailure.class).hasMessageContaining("ran past its hook_timeout 2s");
        System.out.println("hook_timeout 2s on `sh -c 'sleep 600 & sleep 600'`: failed after "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(new ProcessGroup(pids.get(0)).members()).as("no sleep of the hook's group is left").isEmpty();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").equals("sleep 600")
                && ProcessGroup.of(p.pid()).orElse(-1L) == pids.get(0).longValue())).isEmpty();
    }

    @Test
    void aHookThatIgnoresTermGetsKillAfterTheGrace() {
        assertThatThrownBy(() -> runner.run(call(Duration.ofSeconds(1), "sh", "-c", "trap '' TERM; sleep 600 & trap '' TERM; while :; do sleep 1; done"), listener))
                .isInstanceOf(RunFailure.class).hasMessageContaining("it needed KILL");
        assertThat(new ProcessGroup(pids.get(0)).members()).isEmpty();
    }

    @Test
    void endAllEndsTheRunningHooksAndTheirRunsFailSayingWhy() throws Exception {
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                runner.run(call("sh", "-c", "echo started; sleep 600"), listener);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runner.running().isEmpty() || !output.contains("started")) {
            assertThat(System.nanoTime()).isLessThan(end);
            Thread.sleep(10);
        }
        assertThat(runner.running()).singleElement().matches(r -> r.pid() == pids.get(0));
        assertThat(runner.endAll("a second Ctrl-C")).singleElement().matches(c -> c.target().equals(Target.host("app1")));
        assertThat(run.get(10, TimeUnit.SECONDS)).isInstanceOf(RunFailure.class)
                .hasMessageContaining("the do hook for app1 a second Ctrl-C: ended its process group");
        assertThat(new ProcessGroup(pids.get(0)).members()).isEmpty();
        assertThat(runner.running()).isEmpty();
    }

    @Test
    void aServerStartedInTheBackgroundDoesNotHoldTheHookOpen() {
        long start = System.nanoTime();
        runner.run(call("sh", "-c", "sleep 30 & echo bye"), listener);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(output).containsExactly("bye");
        new ProcessGroup(pids.get(0)).end(Duration.ofSeconds(1));
    }

    @Test
    void longLinesAreCutAndTheJournalTailIsBounded() {
        runner.run(call("sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x; echo; seq 1 20000"), listener);
        assertThat(output.get(0)).hasSize(4096 + " [line cut: it was 100000 bytes long, the first 4096 are shown]".length())
                .endsWith(" [line cut: it was 100000 bytes long, the first 4096 are shown]");
        assertThat(output).hasSize(20001).endsWith("20000");
        assertThat(summary.tail().length()).isLessThanOrEqualTo(64 * 1024);
        assertThat(summary.tail()).startsWith(summary.tail().split("\n")[0]).endsWith("\n20000");
        assertThat(summary.describe()).contains("20001 lines", "1 line cut at 4096 bytes", "only the last 64 KiB kept");
    }
}
