package dev.stagger.live.cluster;

import static dev.stagger.live.cluster.ClusterFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterDriftTest {

    static List<Diagnostic> drift(Inventory inv, ClusterView view) {
        return ClusterDrift.check(service(inv), addresses(inv), view);
    }

    @Test
    void inventoryMatchingTheClusterHasNoDrift() {
        Inventory inv = inventory(new int[] {1, 6}, new int[] {2, 4}, new int[] {3, 5});
        assertThat(drift(inv, ClusterViewTest.healthy())).isEmpty();
    }

    @Test
    void movedMasterIsAWarningWithTheLiveShardAsFix() {
        Inventory inv = inventory(new int[] {6, 1}, new int[] {2, 4}, new int[] {3, 5});
        List<Diagnostic> d = drift(inv, ClusterViewTest.healthy());
        assertThat(d).hasSize(1);
        assertThat(d.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(d.get(0).rule()).isEqualTo("drift");
        assertThat(d.get(0).position().line()).isEqualTo(12);
        assertThat(d.get(0).message())
                .isEqualTo("sessions: shard with slots 0-5460 has master r1:17001, inventory says r6:17006");
        assertThat(d.get(0).fix()).isEqualTo("set this shard to [r1:17001, r6:17006] in `shards:` of sessions");
    }

    @Test
    void replicaInAnotherShardUnknownNodeAndMissingInstance() {
        // r4 declared with r3's shard, r5 not declared at all, r7 declared but not in the cluster
        Inventory inv = inventory(new int[] {1, 6}, new int[] {2, 7}, new int[] {3, 4});
        List<String> messages = drift(inv, ClusterViewTest.healthy()).stream().map(Diagnostic::message).toList();
        assertThat(messages).containsExactly(
                "sessions: replica r4:17004 replicates r2:17002, inventory puts it in the shard of r3:17003",
                "sessions: replica 127.0.0.1:17005 of r3:17003 is not in the inventory",
                "sessions: r7:17007 (127.0.0.1:17007) is in the inventory but not in the cluster as seen from 127.0.0.1:17001");
    }

    @Test
    void replicaThatLostItsMasterAndSlotsIsAnEmptyMaster() {
        Inventory inv = inventory(new int[] {1, 6}, new int[] {2, 4}, new int[] {3, 5});
        String nodes = CapturedReplies.NODES.replace("slave " + CapturedReplies.M1, "master -");
        ClusterView v = new ClusterView("127.0.0.1:17001", ClusterInfo.parse(CapturedReplies.INFO),
                ClusterNodesParser.parse(nodes), java.util.Map.of());
        assertThat(drift(inv, v)).extracting(Diagnostic::message).containsExactly(
                "sessions: r6:17006 is a master without slots, inventory declares it a replica of r1:17001");
    }
}
