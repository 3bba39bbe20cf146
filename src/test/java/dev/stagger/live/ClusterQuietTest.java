package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 5: a node forking in one shard gates the steps and failovers of every shard
 * (policy.cluster_quiet, default true); with the policy off only that shard's own rules apply.
 */
class ClusterQuietTest {
    private static List<Diagnostic> resync(Inventory inv, ClusterFixture.Snap snap, dev.stagger.model.Step step) {
        return LiveChecker.checkBeforeStep(inv, snap.build(), step, Set.of()).stream()
                .filter(d -> d.rule().equals("resync")).toList();
    }

    @Test
    void aForkInAnotherShardGatesAFailoverAndAMaintenance() {
        Inventory inv = ClusterFixture.inventory();
        ClusterFixture.Snap forking = ClusterFixture.Snap.healthy().info(3, "rdb_bgsave_in_progress:1");
        // node 3 is shard 3's master; the failover and the maintenance are in shard 1
        assertThat(resync(inv, forking, ClusterFixture.failover("f1", ClusterFixture.r(1), ClusterFixture.r(4))))
                .singleElement().satisfies(d -> assertThat(d.message()).contains("is not quiet").contains("rdb_bgsave_in_progress:1"));
        assertThat(resync(inv, forking, ClusterFixture.maintain("m4", "r4"))).hasSize(1);
        assertThat(resync(inv, ClusterFixture.Snap.healthy(), ClusterFixture.maintain("m4", "r4"))).isEmpty();
    }

    @Test
    void thePolicyCanTurnItOff() {
        Inventory inv = ClusterFixture.inventory();
        Inventory relaxed = new Inventory(inv.cluster(), inv.file(), inv.defaults(),
                new Policy(null, Policy.DEFAULT_MAX_LAG, Policy.DEFAULT_MEMORY_HEADROOM, null, null, false),
                inv.hosts(), inv.services());
        ClusterFixture.Snap forking = ClusterFixture.Snap.healthy().info(3, "rdb_bgsave_in_progress:1");
        assertThat(resync(relaxed, forking, ClusterFixture.maintain("m4", "r4"))).isEmpty();
    }
}
