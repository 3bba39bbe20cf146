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
 * Issue 9, hazard 1 on real redis-server, redis-sentinel and app health servers: the api apps' health
 * is a write to cache. Apps pinned to the master they started with answer 503 once a verified
 * failover has made it a replica: the run halts, exit 3, naming api and what each instance answered,
 * and saying the failover itself was verified. Apps that ask Sentinel for the master follow the move:
 * the same plan ends 0.
 */
class RunAppsIT {
    @TempDir
    Path dir;

    /** The plan "fail cache over to app2", with a short ready_timeout so the failing case ends soon. */
    private Path failoverPlan(RedisLab lab) throws IOException {
        Path inventory = lab.inventory();
        Files.writeString(inventory, Files.readString(inventory).replace("ready_timeout: 30s\n", "ready_timeout: 3s\n"));
        return new LabPlan(lab.dir())
                .failover("failover-cache", "cache", "app2:" + lab.redis("app2").port(), null)
                .write(dir, "move-cache", inventory);
    }

    @Test
    void appsPinnedToTheOldMasterHaltTheRunAfterAVerifiedFailover() throws IOException {
        try (RedisLab lab = RedisLab.builder().withApi(RedisLab.ApiHealth.PINNED_TO_FIRST_MASTER).start()) {
            Path journal = dir.resolve("run.journal");
            long started = System.nanoTime();
            CliResult r = CliResult.run("run", failoverPlan(lab).toString(), "--yes", "--journal", journal.toString());
            System.out.printf("pinned apps: run ended %d in %d ms%n", r.exitCode(), (System.nanoTime() - started) / 1_000_000);

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.err()).contains("run failed at step failover-cache",
                    "the failover of cache itself was verified",
                    "the apps that require cache are not healthy within ready_timeout 3s",
                    "api (0 of 2 healthy, min_healthy 1)",
                    "api@app1:" + lab.app("app1").port() + " answered HTTP 503",
                    "api@app2:" + lab.app("app2").port() + " answered HTTP 503",
                    "Apps pinned to the old master? Restart them or fix their Sentinel client",
                    "waiting for the apps api healthy again");
            assertThat(lab.redis("app2").info("role")).as("the failover itself happened").isEqualTo("master");

            List<JournalEvent> events = LabPlan.journal(journal);
            assertThat(events).anyMatch(e -> e.event().equals("apps-checked") && "before".equals(e.detail("when"))
                    && e.detail("healthy").contains("api@app1") && e.detail("healthy").contains("api@app2"));
            assertThat(events).anyMatch(e -> e.event().equals("apps-checked") && "failing".equals(e.detail("result")));
            assertThat(LabPlan.count(events, "step-done")).isZero();
            assertThat(events.get(events.size() - 1).event()).isEqualTo("run-failed");

            // Resuming does not repeat the verified failover; the apps are checked again (still pinned).
            CliResult again = CliResult.run("run", dir.resolve("move-cache.yaml").toString(), "--yes", "--resume",
                    "--journal", journal.toString());
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
            assertThat(again.err()).contains("api@app1:" + lab.app("app1").port() + " answered HTTP 503")
                    .doesNotContain("SENTINEL FAILOVER");
        }
    }

    @Test
    void appsThatFollowSentinelLetTheSameRunEndZero() throws IOException {
        try (RedisLab lab = RedisLab.builder().withApi(RedisLab.ApiHealth.FOLLOWS_SENTINEL).start()) {
            Path journal = dir.resolve("run.journal");
            CliResult dry = CliResult.run("run", failoverPlan(lab).toString(), "--dry-run", "--journal", journal.toString());
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.err()).contains("would verify that api (requires cache) are healthy again after this step",
                    "within ready_timeout 3s", "would verify at the end of the run that api (requires cache)")
                    .doesNotContain("waiting for the apps");
            long started = System.nanoTime();
            CliResult r = CliResult.run("run", failoverPlan(lab).toString(), "--yes", "--journal", journal.toString());
            System.out.printf("following apps: run ended %d in %d ms%n", r.exitCode(), (System.nanoTime() - started) / 1_000_000);

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("api (requires cache) healthy", "api (requires cache) healthy at the end of the run",
                    "done: 1 of 1 steps");
            assertThat(lab.redis("app2").info("role")).isEqualTo("master");
            List<JournalEvent> events = LabPlan.journal(journal);
            assertThat(events).filteredOn(e -> e.event().equals("apps-checked"))
                    .extracting(e -> e.detail("when") + " " + e.detail("result"))
                    .containsExactly("before null", "after healthy", "end healthy");
            assertThat(events.get(events.size() - 1).event()).isEqualTo("run-done");
        }
    }
}
