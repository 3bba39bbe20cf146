package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.run.JournalEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, deliverable 1, {@code write_check}, on real redis-server, redis-sentinel and app servers.
 * An app whose health answers 200 throughout but whose write check (a real command, {@code redis-cli
 * -e} writing to the master it was configured with) fails once the failover made that master a
 * replica: the run halts, exit 3, naming the instance, what its check answered, and that its health
 * alone passed. An app whose write check is an HTTP URL that writes to the master Sentinel names
 * (with credentials in the URL, never shown) follows the move: the same plan ends 0.
 */
class WriteCheckIT {
    @TempDir
    Path dir;

    /** The lab's inventory with api's health and write_check replaced, and a short ready_timeout. */
    private Path failoverPlan(RedisLab lab, String health, String writeCheck) throws IOException {
        Path inventory = lab.inventory();
        String yaml = Files.readString(inventory).replace("ready_timeout: 30s\n", "ready_timeout: 3s\n")
                .replace("    health: http://{address}:{port}/healthz\n", "    health: " + health + "\n    write_check: " + writeCheck + "\n");
        assertThat(yaml).contains("write_check");
        Files.writeString(inventory, yaml);
        return new LabPlan(lab.dir())
                .failover("failover-cache", "cache", "app2:" + lab.redis("app2").port(), null)
                .write(dir, "move-cache", inventory);
    }

    @Test
    void anAppThatAnswersHealthyButCannotWriteAfterTheFailoverHaltsTheRun() throws IOException {
        try (RedisLab lab = RedisLab.builder().withApi().start()) {
            int pinned = lab.redis("app1").port();
            Path plan = failoverPlan(lab, "http://{address}:{port}/healthz",
                    "[redis-cli, -e, -p, \"" + pinned + "\", SET, \"stagger:write-check:{service}:{host}\", \"1\"]");
            Path journal = dir.resolve("run.journal");
            CliResult valid = CliResult.run("validate", plan.toString());
            assertThat(valid.exitCode()).as(valid.toString()).isZero();

            long started = System.nanoTime();
            CliResult r = CliResult.run("run", plan.toString(), "--yes", "--journal", journal.toString());
            System.out.printf("write check pinned: run ended %d in %d ms%n", r.exitCode(), (System.nanoTime() - started) / 1_000_000);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            String api1 = "api@app1:" + lab.app("app1").port();
            assertThat(r.err()).contains("run failed at step failover-cache",
                    "the failover of cache itself was verified",
                    "2 of 2 instances with a write_check passed it before the step",
                    api1 + " answers its health check, but its write_check failed: `redis-cli -e -p " + pinned
                            + " SET stagger:write-check:api:app1 1` exited 1: READONLY",
                    "(health alone passed; the app cannot write)");
            assertThat(lab.redis("app2").info("role")).as("the failover itself happened").isEqualTo("master");
            List<JournalEvent> events = LabPlan.journal(journal);
            assertThat(events).anyMatch(e -> e.event().equals("apps-checked") && "before".equals(e.detail("when"))
                    && e.detail("writable").contains(api1));
            assertThat(events).anyMatch(e -> e.event().equals("apps-checked") && "failing".equals(e.detail("result"))
                    && e.detail("answers").contains("READONLY"));
            assertThat(events.get(events.size() - 1).event()).isEqualTo("run-failed");
        }
    }

    @Test
    void anAppWhoseWriteCheckFollowsTheMasterLetsTheRunEndZeroAndItsPasswordIsNeverShown() throws IOException {
        try (RedisLab lab = RedisLab.builder().withApi(RedisLab.ApiHealth.FOLLOWS_SENTINEL).start()) {
            Path plan = failoverPlan(lab, "tcp://{address}:{port}", "\"http://drill:s3cret-pw@{address}:{port}/healthz\"");
            Path journal = dir.resolve("run.journal");
            CliResult dry = CliResult.run("run", plan.toString(), "--dry-run", "--journal", journal.toString());
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.err()).contains("would run the write_check of api on each instance before and after this step"
                    + " (`http://drill:***@{address}:{port}/healthz`)");

            long started = System.nanoTime();
            CliResult r = CliResult.run("run", plan.toString(), "--yes", "--journal", journal.toString());
            System.out.printf("write check following: run ended %d in %d ms%n", r.exitCode(), (System.nanoTime() - started) / 1_000_000);

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("2 of 2 instances with a write_check passed it before the step",
                    "each passing its write_check again", "done: 1 of 1 steps");
            assertThat(lab.redis("app2").info("role")).isEqualTo("master");
            assertThat(r.toString() + dry + Files.readString(journal)).doesNotContain("s3cret-pw");
        }
    }
}
