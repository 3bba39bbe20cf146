package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.live.ProbeSettings;
import dev.stagger.live.cluster.ClusterFailoverSettings;
import dev.stagger.live.failover.FailoverSettings;
import dev.stagger.load.PlanLoader;
import dev.stagger.model.ExitCode;
import dev.stagger.model.LoadedPlan;
import dev.stagger.run.JournalEvent;
import dev.stagger.run.RunSession;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, hazard 3, second half, on real redis-server and redis-sentinel: the target carries
 * {@code min-replicas-to-write 2} while only the old master will follow it. With the target-writes
 * gate bypassed (the hidden option, as a drill would), the switch happens, the new master answers
 * NOREPLICAS to the verification write, and stagger fails back to the old master through the same
 * Sentinel failover, verified the same way: the run exits 3 saying so, the old master is master
 * again and takes writes, and the write acknowledged before the run is still there. A resume does
 * not take the failover for done: the step starts afresh and its gate refuses the target.
 */
class FailBackIT {
    @TempDir
    Path dir;

    @Test
    void aNewMasterThatRefusesWritesIsFailedBackFromAndTheRunSaysSo() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            String old = "app1:" + lab.redis("app1").port();
            String to = "app2:" + lab.redis("app2").port();
            Path plan = new LabPlan(lab.dir()).failover("move-cache", "cache", to, null).write(dir, "move", lab.inventory());
            Path journal = dir.resolve("run.journal");
            lab.redis("app1").call("SET", "acked-before-the-run", "42");
            lab.redis("app1").call("WAIT", "1", "2000");
            lab.redis("app2").call("CONFIG", "SET", "min-replicas-to-write", "2");

            CliResult dry = CliResult.run("run", plan.toString(), "--dry-run", "--unsafe-skip-target-writes-check");
            assertThat(dry.exitCode()).as("the hidden option waives the target-writes gate: " + dry).isZero();
            assertThat(dry.err()).contains("--unsafe-skip-target-writes-check: a failover target that would refuse writes is not refused");
            assertThat(CliResult.run("run", "--help").out()).doesNotContain("target-writes");

            long started = System.nanoTime();
            StringWriter err = new StringWriter();
            int exit = run(plan, journal, err);
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("fail-back: run ended %d in %d ms%n", exit, ms);
            System.out.println(err);

            assertThat(exit).as(err.toString()).isEqualTo(ExitCode.RUN_FAILED);
            assertThat(err.toString()).contains(
                    "run failed at step move-cache (failover): failover to " + to + ": the new master refused writes (NOREPLICAS",
                    "failed back to " + old + " (verified, writes accepted)",
                    old + " is the verified master of cache again",
                    "Fix: its min-replicas-to-write (with min-replicas-max-lag) asks for more replicas than follow it",
                    "SENTINEL FAILOVER cache sent to sentinel");
            assertThat(lab.redis("app1").info("role")).as("the old master is master again").isEqualTo("master");
            assertThat(lab.redis("app2").info("role")).isEqualTo("slave");
            assertThat(lab.redis("app1").call("SET", "written-after-the-fail-back", "1")).isEqualTo("OK");
            assertThat(lab.redis("app1").call("GET", "acked-before-the-run")).as("no acknowledged write lost").isEqualTo("42");
            for (var s : lab.sentinels()) {
                assertThat(s.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", RedisLab.MASTER_NAME).toString())
                        .as("every sentinel names the old master").contains(Integer.toString(lab.redis("app1").port()));
            }
            List<JournalEvent> events = LabPlan.journal(journal);
            assertThat(events).filteredOn(e -> e.event().equals("failed-back")).singleElement().satisfies(e -> {
                assertThat(e.step()).isEqualTo("move-cache");
                assertThat(e.detail("from")).isEqualTo(to);
                assertThat(e.detail("to")).isEqualTo(old);
                assertThat(e.detail("result")).isEqualTo("verified");
                assertThat(e.detail("refusal")).startsWith("NOREPLICAS");
            });
            assertThat(events.get(events.size() - 1).event()).isEqualTo("run-failed");

            // The failover is not taken for done: resumed, the step starts afresh and its gate refuses the target.
            CliResult resumed = CliResult.run("run", plan.toString(), "--yes", "--resume", "--journal", journal.toString(),
                    "--wait-safe", "1s");
            assertThat(resumed.exitCode()).as(resumed.toString()).isEqualTo(ExitCode.UNSAFE);
            assertThat(resumed.err()).contains("target-writes", "nothing of this step was done");
            assertThat(lab.redis("app1").info("role")).isEqualTo("master");
        }
    }

    /** The real run session, with the gate's target-writes rule waived and a short verification timeout. */
    private static int run(Path plan, Path journal, StringWriter err) {
        LoadedPlan loaded = PlanLoader.load(plan, null);
        RunSession.Options options = new RunSession.Options(false, true, false, journal, 1, Duration.ofSeconds(10), false,
                "stagger run " + plan + " --resume", Path.of(""));
        RunSession.Terminal terminal = new RunSession.Terminal(new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), new BufferedReader(new StringReader("")), false);
        LiveRunParts.Settings settings = new LiveRunParts.Settings(ProbeSettings.DEFAULT,
                FailoverSettings.DEFAULTS.withVerifyTimeout(Duration.ofSeconds(6)), ClusterFailoverSettings.DEFAULT)
                .skippingTargetWritesCheck();
        try {
            return new RunSession(options, terminal, System::getenv).run(loaded, LiveRunParts.factory(settings));
        } catch (dev.stagger.model.StaggerException e) {
            err.write("stagger: " + e.getMessage());
            return e.exitCode();
        }
    }
}
