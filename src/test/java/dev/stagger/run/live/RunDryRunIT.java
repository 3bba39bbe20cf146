package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.ServerProcess;
import dev.stagger.lab.cluster.ClusterLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --dry-run} is the run (stagger issue 8): through the real command line against real
 * redis-server and redis-sentinel processes, each gate is judged on the cluster as the dry failovers
 * before it would have left it, so a failover-then-maintain plan raises no false alarm (Redis Cluster
 * shards and a Sentinel group, there and back); a gate that a real run would wait at makes the dry
 * run exit 1 naming the rule; and nothing on the cluster changes.
 */
class RunDryRunIT {
    @TempDir
    Path dir;

    private static List<Long> pids(List<? extends ServerProcess> processes) throws Exception {
        List<Long> out = new ArrayList<>();
        for (ServerProcess p : processes) {
            out.add(Long.parseLong(Files.readString(p.dir().resolve("pid")).trim()));
        }
        return out;
    }

    private static List<String> roles(List<RedisNode> nodes) {
        return nodes.stream().map(n -> n.host() + " " + n.info("role")).toList();
    }

    @Test
    void clusterShardsFailedOverThenMaintainedRaiseNoFalseAlarmAndNothingMoves() throws Exception {
        try (ClusterLab lab = ClusterLab.start()) {
            RedisNode r1 = lab.node(0);
            RedisNode r2 = lab.node(1);
            RedisNode r4 = lab.node(3);
            Path plan = new LabPlan(lab.dir())
                    .failover("failover-r1", ClusterLab.SERVICE, r4.endpoint(), r1.endpoint())
                    .maintain("maintain-r1", r1.host(), "1s", "30s")
                    // No `to:`: the dry run picks the shard's in-sync replica, as a real run would.
                    .failover("failover-r2", ClusterLab.SERVICE, null, r2.endpoint())
                    .maintain("maintain-r2", r2.host(), "1s", "30s")
                    // Back again: r1 is r4's replica only in the simulation, which is what the gate must see.
                    .failover("failover-back", ClusterLab.SERVICE, r1.endpoint(), r4.endpoint())
                    .maintain("maintain-r4", r4.host(), "1s", "30s")
                    .write(dir, "cluster-dry", lab.inventory());
            List<String> rolesBefore = roles(lab.nodes());
            List<Long> pidsBefore = pids(lab.nodes());

            CliResult dry = CliResult.run("run", plan.toString(), "--dry-run", "--journal", dir.resolve("dry.journal").toString());

            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.err()).as(dry.toString())
                    .contains("would fail sessions over to " + r4.endpoint())
                    .contains("would fail sessions over to " + lab.node(4).endpoint())
                    .contains("would fail sessions over to " + r1.endpoint())
                    .contains("done: 6 of 6 steps")
                    .doesNotContain("master-down", "a real run would wait");
            assertThat(roles(lab.nodes())).as("no shard moved").isEqualTo(rolesBefore);
            assertThat(pids(lab.nodes())).as("no process was stopped or restarted").isEqualTo(pidsBefore);
            assertThat(dir.resolve("dry.journal")).doesNotExist();
        }
    }

    @Test
    void sentinelGroupFailedOverAndBackRaisesNoFalseAlarmAndNothingMoves() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            RedisNode app1 = lab.redis("app1");
            RedisNode app2 = lab.redis("app2");
            Path plan = new LabPlan(lab.dir())
                    .failover("failover-cache", "cache", app2.endpoint(), null)
                    .maintain("maintain-app1", "app1", "1s", "30s")
                    // No `to:`: on the simulated group app1 is the replica, so that is the target.
                    .failover("failover-back", "cache", null, null)
                    .maintain("maintain-app2", "app2", "1s", "30s")
                    .write(dir, "sentinel-dry", lab.inventory());
            List<Long> pidsBefore = new ArrayList<>();
            for (String h : RedisLab.HOSTS) {
                pidsBefore.addAll(pids(lab.nodesOn(h)));
            }

            CliResult dry = CliResult.run("run", plan.toString(), "--dry-run", "--journal", dir.resolve("dry.journal").toString());

            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(dry.err()).as(dry.toString())
                    .contains("would fail cache over to " + app2.endpoint(), "would fail cache over to " + app1.endpoint())
                    .contains("done: 4 of 4 steps")
                    .doesNotContain("master-down", "split-brain", "a real run would wait");
            assertThat(app1.info("role")).as("the master did not move").isEqualTo("master");
            for (var s : lab.sentinels()) {
                assertThat(s.masterAddress(RedisLab.MASTER_NAME)).isEqualTo("127.0.0.1:" + app1.port());
            }
            for (RedisNode n : lab.redisNodes()) {
                assertThat(String.valueOf(n.call("CONFIG", "GET", "replica-priority"))).as(n + " priority").contains("100");
            }
            List<Long> pidsAfter = new ArrayList<>();
            for (String h : RedisLab.HOSTS) {
                pidsAfter.addAll(pids(lab.nodesOn(h)));
            }
            assertThat(pidsAfter).as("no process was stopped or restarted").isEqualTo(pidsBefore);
        }
    }

    @Test
    void aGateARealRunWouldWaitAtMakesTheDryRunExitOneNamingTheRule() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            RedisNode app2 = lab.startSlowBgsave("app2");
            assertThat(app2.info("rdb_bgsave_in_progress")).isEqualTo("1");
            lab.sentinel("arb3").stop();
            Path plan = new LabPlan(lab.dir())
                    .maintain("maintain-app2", "app2", "1s", "30s")
                    .write(dir, "blocked-dry", lab.inventory());

            CliResult dry = CliResult.run("run", plan.toString(), "--dry-run", "--wait-safe", "2s");

            assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(1);
            assertThat(dry.err()).as(dry.toString())
                    .contains("a real run would wait at 1 safety gate(s) now")
                    .contains("step 1 of 1 maintain-app2: persistence: cache@app2:" + app2.port()
                            + " is writing an RDB snapshot (rdb_bgsave_in_progress:1)")
                    .contains("(fix: wait for the BGSAVE to finish")
                    .contains("step 1 of 1 maintain-app2: unreachable:", "only 1 of 3 sentinels")
                    .contains("a real run would halt at a safety gate now");
            assertThat(lab.redis("app1").info("role")).isEqualTo("master");
            assertThat(app2.isRunning()).as("the dry run stopped nothing").isTrue();
            assertThat(lab.sentinel("app2").isRunning()).isTrue();
        }
    }
}
