package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.live.cluster.ClusterView;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Severity;
import dev.stagger.model.StepAction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A dry failover leaves the snapshot as a verified real one would: the gates after it see the new
 * master (issue 8: after a simulated Redis Cluster failover the dry run still reported master-down).
 */
class SimulatedFailoverTest {
    private static List<String> errors(List<Diagnostic> ds) {
        return ds.stream().filter(d -> d.severity() == Severity.ERROR).map(d -> d.rule() + ": " + d.message()).toList();
    }

    @Test
    void afterASimulatedGroupFailoverTheOldMasterMayGoAndEveryoneAgrees() {
        Inventory inv = Fixture.inventory();
        LiveSnapshot probed = Fixture.Snap.healthy().build();
        assertThat(errors(LiveChecker.checkBeforeStep(inv, probed, Fixture.maintain("m1", "app1"), Set.of())))
                .anyMatch(e -> e.startsWith("master-down"));

        LiveSnapshot moved = SimulatedFailover.apply(inv, probed, "cache", Fixture.R2);
        RedisService cache = (RedisService) inv.service("cache").orElseThrow();
        assertThat(moved.liveMasters(cache)).containsExactly(Fixture.R2);
        assertThat(moved.redis(Fixture.cache("app1")).orElseThrow().role().replicatesFrom("10.0.2.10", 6379)).isTrue();
        assertThat(moved.sentinels().values()).allSatisfy(s -> assertThat(s.view("cache").masterAddress()).isEqualTo("10.0.2.10:6379"));
        assertThat(errors(LiveChecker.checkBeforeStep(inv, moved, Fixture.maintain("m1", "app1"), Set.of()))).isEmpty();
        assertThat(LiveChecker.checkCluster(inv, moved)).filteredOn(d -> d.severity() == Severity.ERROR).isEmpty();
        // ...while the new master's host is now the one that needs a failover first
        assertThat(errors(LiveChecker.checkBeforeStep(inv, moved, Fixture.maintain("m2", "app2"), Set.of())))
                .anyMatch(e -> e.startsWith("master-down") && e.contains("app2"));
        // and the move back is judged on the moved cluster: app1 is the replica now, in sync
        assertThat(LiveChecker.failoverTarget(inv, moved, new StepAction.Failover("cache", null, null), Set.of()))
                .contains(Fixture.R1);
        assertThat(probed.liveMasters(cache)).as("the probed snapshot is not changed").containsExactly(Fixture.R1);
    }

    @Test
    void whatTheRulesSeeBesidesTheMoveStaysAsProbed() {
        Inventory inv = Fixture.inventory();
        LiveSnapshot probed = Fixture.Snap.healthy().replica("app2", "app1", 1000, "rdb_bgsave_in_progress:1")
                .sentinelDown("arb3").build();
        LiveSnapshot moved = SimulatedFailover.apply(inv, probed, "cache", Fixture.R2);
        List<String> gate = errors(LiveChecker.checkBeforeStep(inv, moved, Fixture.maintain("m2", "app2"), Set.of()));
        assertThat(gate).anyMatch(e -> e.startsWith("persistence") && e.contains("rdb_bgsave_in_progress:1"));
        assertThat(moved.sentinel(Fixture.sentinelAt("arb3")).orElseThrow().reachable()).isFalse();
    }

    @Test
    void aTargetThatDidNotAnswerMovesNothing() {
        Inventory inv = Fixture.inventory();
        LiveSnapshot probed = Fixture.Snap.healthy().redisDown("app2").build();
        assertThat(SimulatedFailover.apply(inv, probed, "cache", Fixture.R2)).isSameAs(probed);
    }

    @Test
    void afterASimulatedShardFailoverTheGatesSeeWhatARealOneLeaves() {
        Inventory inv = ClusterFixture.inventory();
        LiveSnapshot probed = ClusterFixture.Snap.healthy().build();
        assertThat(errors(LiveChecker.checkBeforeStep(inv, probed, ClusterFixture.maintain("m1", "r1"), Set.of())))
                .singleElement().asString().startsWith("master-down");

        LiveSnapshot moved = SimulatedFailover.apply(inv, probed, ClusterFixture.SERVICE, ClusterFixture.r(4));
        LiveSnapshot real = ClusterFixture.Snap.healthy().promote(4).build();
        RedisClusterService c = (RedisClusterService) inv.service(ClusterFixture.SERVICE).orElseThrow();
        ClusterSnapshot view = ClusterSnapshot.of(inv, c, moved, a -> a);
        assertThat(view.liveMasterOf(ClusterFixture.r(1))).contains(ClusterFixture.r(4));
        assertThat(view.view().slotShards()).extracting(s -> s.master().port(), ClusterView.Shard::slotsText)
                .containsExactlyElementsOf(ClusterSnapshot.of(inv, c, real, a -> a).view().slotShards().stream()
                        .map(s -> org.assertj.core.groups.Tuple.tuple(s.master().port(), s.slotsText())).toList());
        for (String host : List.of("r1", "r2", "r4", "r5")) {
            assertThat(errors(LiveChecker.checkBeforeStep(inv, moved, ClusterFixture.maintain("m", host), Set.of())))
                    .as(host).isEqualTo(errors(LiveChecker.checkBeforeStep(inv, real, ClusterFixture.maintain("m", host), Set.of())));
        }
        assertThat(errors(LiveChecker.checkBeforeStep(inv, moved, ClusterFixture.maintain("m1", "r1"), Set.of()))).isEmpty();
        assertThat(LiveChecker.checkCluster(inv, moved)).filteredOn(d -> d.severity() == Severity.ERROR).isEmpty();
        assertThat(moved.redis(ClusterFixture.node(1)).orElseThrow().role().replicatesFrom("127.0.0.1", 17004)).isTrue();
    }

    @Test
    void aShardThatAlreadyMovedIsLeftAsItIs() {
        Inventory inv = ClusterFixture.inventory();
        LiveSnapshot real = ClusterFixture.Snap.healthy().promote(4).build();
        Endpoint r4 = ClusterFixture.r(4);
        assertThat(SimulatedFailover.apply(inv, real, ClusterFixture.SERVICE, r4)).isSameAs(real);
    }
}
