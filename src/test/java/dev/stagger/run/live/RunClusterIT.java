package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.cluster.ClusterLab;
import dev.stagger.run.JournalEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;

/**
 * {@code stagger run} maintains every host of a real 6-node Redis Cluster: the replicas first, then,
 * before each master's host goes down, its shard is failed over ({@code failover} with {@code shard:}, written by hand), so every
 * shard keeps serving, a writer loses no acknowledged write, and all 16384 slots are covered at the end.
 */
class RunClusterIT {
    @TempDir
    Path dir;

    @Test
    void maintainsEveryHostOfAClusterShardByShard() throws Exception {
        try (ClusterLab lab = ClusterLab.start()) {
            LabPlan plan = new LabPlan(lab.dir());
            // The replicas first (no failover needed), then each master's shard moves to its
            // freshly maintained replica before the master's host goes down.
            for (int i = 3; i < 6; i++) {
                plan.maintain("maintain-" + lab.node(i).host(), lab.node(i).host(), "500ms", "30s");
            }
            for (int i = 0; i < 3; i++) {
                RedisNode master = lab.node(i);
                // The middle shard names no `to:`: run picks its linked replica with the least lag.
                String to = i == 1 ? null : lab.node(i + 3).endpoint();
                plan.failover("failover-" + master.host(), ClusterLab.SERVICE, to, master.endpoint());
                plan.maintain("maintain-" + master.host(), master.host(), "500ms", "30s");
            }
            Path planFile = plan.write(dir, "cluster-maintenance", lab.inventory());
            Path journal = dir.resolve("run.journal");
            List<HostAndPort> nodes = lab.nodes().stream().map(n -> new HostAndPort("127.0.0.1", n.port())).toList();
            CliResult r;
            long started = System.nanoTime();
            try (ClusterWriter writer = new ClusterWriter(nodes)) {
                writer.awaitMoreAcks(30, 5000);
                r = CliResult.run("run", planFile.toString(), "--yes", "--journal", journal.toString());
                writer.awaitMoreAcks(30, 10000);
                writer.stop();
                List<String> missing = writer.missing();
                List<ClusterWriter.Ack> acks = writer.acks();
                System.out.printf("cluster run: %d ms, %d acknowledged writes (%d / %d / %d per shard), longest shard gap %d ms, %d missing%n",
                        (System.nanoTime() - started) / 1_000_000, acks.size(),
                        acks.stream().filter(a -> a.shard() == 0).count(), acks.stream().filter(a -> a.shard() == 1).count(),
                        acks.stream().filter(a -> a.shard() == 2).count(), writer.longestShardGapMillis(), missing.size());
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(missing).as("acknowledged writes lost").isEmpty();
                for (int shard = 0; shard < 3; shard++) {
                    int s = shard;
                    assertThat(acks.stream().filter(a -> a.shard() == s).count()).as("shard " + s + " kept serving").isGreaterThan(100);
                }
            }
            lab.awaitHealthy(Duration.ofSeconds(10));
            for (RedisNode n : lab.nodes()) {
                assertThat(String.valueOf(n.call("CLUSTER", "INFO"))).contains("cluster_state:ok", "cluster_slots_ok:16384");
            }
            for (int i = 0; i < 3; i++) {
                assertThat(lab.node(i + 3).info("role")).as("the shards moved to the former replicas").isEqualTo("master");
                assertThat(lab.node(i).info("role")).isEqualTo("slave");
                assertThat(lab.node(i).info("master_link_status")).isEqualTo("up");
            }
            List<JournalEvent> events = LabPlan.journal(journal);
            for (int i = 0; i < 3; i++) {
                String host = lab.node(i).host();
                assertThat(LabPlan.indexOf(events, "hook-started", "maintain-" + host, "down"))
                        .as(host + " went down only after its shard moved")
                        .isGreaterThan(LabPlan.indexOf(events, "step-done", "failover-" + host, null));
            }
            assertThat(events.stream().filter(e -> e.event().equals("step-done"))).hasSize(9);
            assertThat(Files.readString(journal)).contains("CLUSTER FAILOVER on");
        }
    }
}
