package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.ServerProcess;
import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.run.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The seed-000 incident, replayed through the real command line against real redis-server and
 * redis-sentinel processes: maintain app2, fail cache over to app2, maintain app1, with a writer
 * issuing acknowledged writes throughout. Also: a dry run changes nothing, and a second run is
 * refused by the lock.
 */
class RunSeed000IT {
    @TempDir
    Path dir;

    private Path seed000Plan(RedisLab lab) {
        return new LabPlan(lab.dir())
                .maintain("maintain-app2", "app2", "500ms", "30s")
                .failover("failover-cache", "cache", "app2:" + lab.redis("app2").port(), null)
                .maintain("maintain-app1", "app1", "500ms", "30s")
                .write(dir, "seed-000", lab.inventory());
    }

    @Test
    void seed000RunMovesTheMasterFirstAndLosesNoAcknowledgedWrite() throws Exception {
        try (RedisLab lab = RedisLab.builder().withApi().start()) {
            Path plan = seed000Plan(lab);
            Path journal = dir.resolve("run.journal");
            long started = System.nanoTime();
            CliResult r;
            List<AckedWriter.Ack> acks;
            List<String> missing;
            AckedWriter writer = new AckedWriter(MasterFinder.bySentinels(lab.sentinels()), null);
            try {
                writer.awaitMoreAcks(20, 5000);
                r = CliResult.run("run", plan.toString(), "--yes", "--journal", journal.toString());
                writer.awaitMoreAcks(20, 10000);
            } finally {
                writer.close();
            }
            acks = writer.acks();
            try (Jedis master = new Jedis("127.0.0.1", lab.redis("app2").port())) {
                missing = writer.missingOn(master);
            }
            System.out.printf("seed-000 run: %d ms, %d acknowledged writes, %d unconfirmed, longest gap %d ms, %d missing%n",
                    (System.nanoTime() - started) / 1_000_000, acks.size(), writer.unconfirmed(),
                    writer.longestGapMillis(), missing.size());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("step 1 of 3 maintain-app2", "step 2 of 3 failover-cache: failover verified", "step 3 of 3 maintain-app1",
                    "done: 3 of 3 steps");
            assertThat(missing).as("acknowledged writes lost").isEmpty();
            assertThat(acks.size()).isGreaterThan(40);

            RedisNode app1 = lab.redis("app1");
            RedisNode app2 = lab.redis("app2");
            assertThat(app2.info("role")).isEqualTo("master");
            assertThat(app1.info("role")).isEqualTo("slave");
            assertThat(app1.info("master_link_status")).isEqualTo("up");
            for (SentinelNode s : lab.sentinels()) {
                assertThat(s.masterAddress(RedisLab.MASTER_NAME)).isEqualTo("127.0.0.1:" + app2.port());
            }
            for (RedisNode n : lab.redisNodes()) {
                assertThat(String.valueOf(n.call("CONFIG", "GET", "replica-priority"))).as(n + " priority").contains("100");
            }

            List<JournalEvent> events = LabPlan.journal(journal);
            int app2Ready = LabPlan.indexOf(events, "phase-done", "maintain-app2", "ready");
            int failoverDone = LabPlan.indexOf(events, "step-done", "failover-cache", null);
            int app1Down = LabPlan.indexOf(events, "hook-started", "maintain-app1", "down");
            assertThat(app2Ready).isPositive();
            assertThat(failoverDone).as("the failover completed after app2 was ready").isGreaterThan(app2Ready);
            assertThat(app1Down).as("app1 went down only after the failover").isGreaterThan(failoverDone);
            assertThat(events).anyMatch(e -> e.event().equals("failover-target") && e.detail("target").equals("app2:" + app2.port()));
            assertThat(events).anyMatch(e -> e.event().equals("failover-action"));
            assertThat(events.get(events.size() - 1).event()).isEqualTo("run-done");
        }
    }

    @Test
    void dryRunChangesNothingAndALockedClusterRefusesASecondRun() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path plan = seed000Plan(lab);
            Path journal = dir.resolve("dry.journal");
            List<Long> pids = pids(lab);
            CliResult dry = CliResult.run("run", plan.toString(), "--dry-run", "--journal", journal.toString());
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.err()).contains("[dry-run] would run the down hook for app2", "would fail cache over to app2:",
                    "[dry-run] the run lock of cluster lab (the Redis key " + RunLockIT.KEY + " in cache (master app1:"
                            + lab.redis("app1").port() + ")) is free");
            assertThat(lab.redis("app1").info("role")).isEqualTo("master");
            assertThat(pids(lab)).as("no process was stopped or restarted").isEqualTo(pids);
            assertThat(journal).doesNotExist();

            // A running stagger holds the lock: the key in the cluster's Redis.
            Path second = dir.resolve("second.journal");
            CliResult first;
            Process holder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.stagger.cli.Main", "run",
                    new LabPlan(lab.dir()).maintain("slow", "arb3", LabPlan.timing("500ms", "60s")).write(dir, "slow", lab.inventory()).toString(),
                    "--yes", "--journal", dir.resolve("slow.journal").toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("holder.out").toFile()).start();
            try {
                long end = System.nanoTime() + 20_000_000_000L;
                while (!Long.valueOf(1).equals(lab.redis("app1").call("EXISTS", RunLockIT.KEY)) && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertThat(lab.redis("app1").call("EXISTS", RunLockIT.KEY)).as(Files.readString(dir.resolve("holder.out"))).isEqualTo(1L);
                first = CliResult.run("run", plan.toString(), "--yes", "--journal", second.toString());
            } finally {
                holder.destroyForcibly().waitFor();
            }
            assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
            assertThat(first.err()).contains("another run holds the lock on cluster lab", "plan slow");
            assertThat(lab.redis("app1").info("role")).isEqualTo("master");
            assertThat(lab.redis("app2").isRunning()).isTrue();
        }
    }

    private static List<Long> pids(RedisLab lab) throws Exception {
        List<Long> out = new java.util.ArrayList<>();
        for (String h : RedisLab.HOSTS) {
            for (ServerProcess p : lab.nodesOn(h)) {
                out.add(Long.parseLong(Files.readString(p.dir().resolve("pid")).trim()));
            }
        }
        return out;
    }
}
