package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.run.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real run (a child JVM running the command line) in the middle of its last
 * step, on the seed-000 lab; then {@code --resume} finishes the plan without repeating a finished
 * step or the down hook that had already run.
 */
class RunResumeIT {
    @TempDir
    Path dir;

    @Test
    void killedRunIsResumedWithoutRepeatingFinishedWork() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            LabPlan p = new LabPlan(lab.dir())
                    .maintain("maintain-app2", "app2", "500ms", "30s")
                    .failover("failover-cache", "cache", null, null);
            p.maintain("maintain-app1", "app1", p.hooks("stop", "start") + "    do: [\"sleep\", \"3\"]\n"
                    + LabPlan.timing("500ms", "30s"));
            Path plan = p.write(dir, "seed-000", lab.inventory());
            Path journal = dir.resolve("run.journal");
            Process first = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.stagger.cli.Main", "run", plan.toString(), "--yes",
                    "--journal", journal.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("first.out").toFile()).start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (LabPlan.indexOf(events(journal), "hook-started", "maintain-app1", "do") < 0) {
                assertThat(first.isAlive()).as(Files.readString(dir.resolve("first.out"))).isTrue();
                assertThat(System.nanoTime()).as("the run reaches the do hook of maintain-app1").isLessThan(end);
                Thread.sleep(20);
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no journal entry, the lock left behind in Redis
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            int killedAt = events(journal).size();
            assertThat(lab.redis("app1").isRunning()).as("app1 is down, mid-step").isFalse();

            CliResult again = CliResult.run("run", plan.toString(), "--yes", "--journal", journal.toString());
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
            assertThat(again.err()).contains("unfinished run", "--resume");

            assertThat(again.err()).as("the refusal names the dead run's lock, and no other --journal")
                    .contains("the cluster's run lock is held by", "pid " + first.pid(), "(the run writing this journal)")
                    .doesNotContain("--journal NEW");

            // Plain --resume on the same host takes over the lock of the run that died.
            CliResult resumed = CliResult.run("run", plan.toString(), "--yes", "--resume", "--journal", journal.toString());
            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            assertThat(resumed.err()).contains("taking over the lock of the run that died", "pid " + first.pid() + " is gone on this host",
                    "resuming: 2 of 3 steps already done, continuing maintain-app1");
            assertThat(lab.redis("app2").call("EXISTS", RunLockIT.KEY)).as("the lock was released").isEqualTo(0L);

            List<JournalEvent> all = events(journal);
            List<JournalEvent> after = all.subList(killedAt, all.size());
            assertThat(after).noneMatch(e -> "maintain-app2".equals(e.step()) || "failover-cache".equals(e.step()));
            assertThat(all.stream().filter(e -> e.event().equals("hook-started") && "maintain-app1".equals(e.step())
                    && "down".equals(e.detail("phase")))).as("app1's down hook ran once").hasSize(1);
            assertThat(all.stream().filter(e -> e.event().equals("step-done"))).hasSize(3);
            assertThat(all.get(all.size() - 1).event()).isEqualTo("run-done");
            assertThat(lab.redis("app2").info("role")).isEqualTo("master");
            assertThat(lab.redis("app1").info("role")).isEqualTo("slave");
            assertThat(lab.redis("app1").info("master_link_status")).isEqualTo("up");
        }
    }

    @Test
    void interruptedRunStopsAtASafePointReleasesItsLockAndResumes() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            LabPlan p = new LabPlan(lab.dir());
            p.maintain("first", "arb3", p.hooks("stop", "start") + "    do: [\"sleep\", \"2\"]\n" + LabPlan.timing("500ms", "30s"));
            p.maintain("second", "arb3", "500ms", "30s");
            Path plan = p.write(dir, "twice", lab.inventory());
            Path journal = dir.resolve("twice.journal");
            Process run = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.stagger.cli.Main", "run", plan.toString(), "--yes",
                    "--journal", journal.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("twice.out").toFile()).start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (LabPlan.indexOf(events(journal), "hook-started", "first", "do") < 0) {
                assertThat(run.isAlive()).as(Files.readString(dir.resolve("twice.out"))).isTrue();
                assertThat(System.nanoTime()).isLessThan(end);
                Thread.sleep(20);
            }
            run.destroy(); // SIGTERM: the same shutdown path as Ctrl-C
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(dir.resolve("twice.out"));
            assertThat(out).contains("cancelled at a safe point: 1 of 2 steps done", "--resume");
            assertThat(lab.sentinel("arb3").isRunning()).as("the step in progress was finished: arb3 is back").isTrue();
            assertThat(lab.redis("app1").call("EXISTS", RunLockIT.KEY)).as("the lock was released").isEqualTo(0L);
            List<JournalEvent> before = events(journal);
            assertThat(before.get(before.size() - 1).event()).isEqualTo("run-cancelled");

            CliResult resumed = CliResult.run("run", plan.toString(), "--yes", "--resume", "--journal", journal.toString());
            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            List<JournalEvent> after = events(journal).subList(before.size(), events(journal).size());
            assertThat(after).noneMatch(e -> "first".equals(e.step()));
            assertThat(after).anyMatch(e -> e.event().equals("step-done") && "second".equals(e.step()));
        }
    }

    private static List<JournalEvent> events(Path journal) {
        return Files.exists(journal) ? LabPlan.journal(journal) : List.of();
    }
}
