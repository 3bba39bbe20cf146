package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.cluster.ClusterLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Redis Cluster counterpart of {@link NonTargetReplicaIT}, on a real 6-node cluster (r1..r3
 * masters, r4..r6 their replicas): r6, the only replica of r3's shard, loses its link and keeps
 * answering. A failover of r1's shard never needs r6: run --dry-run proceeds and validate --live
 * exits 0 with a warning (status still reports the error). A failover of r3's shard has no one else
 * to promote: both refuse, naming the step and r6.
 */
class ClusterReplicaSyncIT {

    @Test
    void aShardReplicaOutOfSyncBlocksOnlyTheFailoverOfItsShard() throws Exception {
        try (ClusterLab lab = ClusterLab.start()) {
            RedisNode r1 = lab.node(0);
            RedisNode r3 = lab.node(2);
            RedisNode r4 = lab.node(3);
            RedisNode r6 = lab.node(5);
            Path otherShard = plan(lab, "other-shard", "  - id: move-r1-shard\n    failover: " + ClusterLab.SERVICE
                    + "\n    shard: " + r1.endpoint() + "\n    to: " + r4.endpoint() + "\n");
            Path itsShard = plan(lab, "its-shard", "  - id: move-r3-shard\n    failover: " + ClusterLab.SERVICE
                    + "\n    shard: " + r3.endpoint() + "\n");
            // r6 cannot authenticate to r3 any more (a user r3 does not have): link down, still answering.
            r6.call("CONFIG", "SET", "masteruser", "stagger-lab-cut");
            r6.call("CONFIG", "SET", "masterauth", "x");
            r6.call("CLIENT", "KILL", "TYPE", "master");
            LabSupport.await("r6's link down", Duration.ofSeconds(10), Duration.ofMillis(50),
                    () -> "down".equals(r6.info("master_link_status")) ? null : r6.info("master_link_status"));
            String r6Subject = ClusterLab.SERVICE + "@" + r6.endpoint();

            CliResult dryOther = CliResult.run("run", otherShard.toString(), "--dry-run");
            assertThat(dryOther.exitCode()).as("the run never waits for r6: " + dryOther).isZero();
            CliResult validateOther = CliResult.run("validate", "--live", otherShard.toString());
            assertThat(validateOther.exitCode()).as(validateOther.toString()).isZero();
            assertThat(validateOther.out()).contains("warning: [replica-sync] " + r6Subject + " is not in sync")
                    .contains("run will not stop for it").doesNotContain("error: [replica-sync]");
            CliResult status = CliResult.run("status", "-i", lab.inventory().toString());
            assertThat(status.exitCode()).as("status (no plan) still reports it: " + status).isEqualTo(1);
            assertThat(status.out()).contains("error: [replica-sync] " + r6Subject);

            CliResult dryIts = CliResult.run("run", itsShard.toString(), "--dry-run");
            assertThat(dryIts.exitCode()).as(dryIts.toString()).isEqualTo(1);
            assertThat(dryIts.err()).contains("no-failover-target")
                    .contains(r6.endpoint() + " not in sync: master_link_status:down");
            CliResult validateIts = CliResult.run("validate", "--live", itsShard.toString());
            assertThat(validateIts.exitCode()).as(validateIts.toString()).isEqualTo(1);
            assertThat(validateIts.out()).contains("error: [no-failover-target]").contains("move-r3-shard")
                    .contains(r6.endpoint() + " not in sync: master_link_status:down")
                    .contains("error: [replica-sync] " + r6Subject).doesNotContain("warning: [replica-sync]");
        }
    }

    private static Path plan(ClusterLab lab, String name, String steps) throws IOException {
        Path p = lab.dir().resolve(name + ".yaml");
        Files.writeString(p, "plan: " + name + "\ninventory: inventory.yaml\nsteps:\n" + steps);
        return p;
    }
}
