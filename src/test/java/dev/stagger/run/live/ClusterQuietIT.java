package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.cluster.ClusterLab;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, hazard 5 (redis#2896) on a real 6-node Redis Cluster: while a node of one shard forks for
 * an RDB, a failover of another shard does not start (policy.cluster_quiet); before the fork it passes.
 * Deliverable 5's other half: status warns (fork-time) about a node whose last fork took longer than its
 * cluster-node-timeout, and not while the fork is within it.
 */
class ClusterQuietIT {
    @TempDir
    Path dir;

    @Test
    void aForkInOneShardHoldsAFailoverOfAnother() {
        try (ClusterLab lab = ClusterLab.start()) {
            RedisNode r1 = lab.node(0);
            RedisNode r2 = lab.node(1);
            RedisNode r4 = lab.node(3);
            Path plan = new LabPlan(lab.dir())
                    .failover("failover-r1", ClusterLab.SERVICE, r4.endpoint(), r1.endpoint())
                    .write(dir, "quiet", lab.inventory());

            // fork-time: a node whose last fork outlasted its cluster-node-timeout is warned about. Forks of a
            // lab node take well under a millisecond, and Redis takes 0 as a node timeout: r5 (a replica,
            // whose own timeout decides nothing for the others) gets it for one status call.
            RedisNode r5 = lab.node(4);
            r5.call("BGSAVE");
            dev.stagger.lab.LabSupport.await("r5's BGSAVE done", java.time.Duration.ofSeconds(10),
                    java.time.Duration.ofMillis(50), () -> "0".equals(r5.info("rdb_bgsave_in_progress"))
                            && Long.parseLong(r5.info("latest_fork_usec")) > 0 ? null : "still saving");
            CliResult withinTimeout = CliResult.run("status", "-i", lab.inventory().toString());
            assertThat(withinTimeout.out()).as(withinTimeout.toString()).doesNotContain("fork-time");
            r5.call("CONFIG", "SET", "cluster-node-timeout", "0");
            CliResult longFork = CliResult.run("status", "-i", lab.inventory().toString());
            r5.call("CONFIG", "SET", "cluster-node-timeout", "3000");
            assertThat(longFork.out()).as(longFork.toString()).contains("[fork-time]").contains(r5.endpoint())
                    .contains("(latest_fork_usec " + r5.info("latest_fork_usec") + "), longer than its cluster-node-timeout of 0 ms")
                    .contains("CONFIG SET cluster-node-timeout 1000");
            lab.awaitHealthy(java.time.Duration.ofSeconds(20));

            CliResult quiet = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(quiet.exitCode()).as(quiet.toString()).isZero();

            for (int i = 0; i < 200; i++) {
                r2.call("SET", "{shard2}k" + i, "v");
            }
            r2.call("CONFIG", "SET", "rdb-key-save-delay", "200000");
            r2.call("BGSAVE");
            assertThat(r2.info("rdb_bgsave_in_progress")).isEqualTo("1");

            CliResult forking = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(forking.exitCode()).as(forking.toString()).isEqualTo(1);
            assertThat(forking.err()).contains("resync").contains("is not quiet").contains("rdb_bgsave_in_progress:1");
            assertThat(r1.info("role")).as("nothing moved").isEqualTo("master");
        }
    }
}
