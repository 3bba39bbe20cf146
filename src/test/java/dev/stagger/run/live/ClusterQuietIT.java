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
