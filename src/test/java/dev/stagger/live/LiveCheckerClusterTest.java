package dev.stagger.live;

import static dev.stagger.live.ClusterFixture.failover;
import static dev.stagger.live.ClusterFixture.inventory;
import static dev.stagger.live.ClusterFixture.maintain;
import static dev.stagger.live.ClusterFixture.node;
import static dev.stagger.live.ClusterFixture.r;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.live.ClusterFixture.Snap;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The live rules over a Redis Cluster, on hand-built snapshots (no I/O). */
class LiveCheckerClusterTest {
    private final Inventory inv = inventory();

    private static List<String> errors(List<Diagnostic> ds) {
        return ds.stream().filter(d -> d.severity() == Severity.ERROR).map(Diagnostic::rule).toList();
    }

    private static String text(List<Diagnostic> ds) {
        return String.join("\n", ds.stream().map(d -> d.rule() + ": " + d.message() + " | fix: " + d.fix()).toList());
    }

    private List<Diagnostic> gate(Snap s, Step step) {
        return LiveChecker.checkBeforeStep(inv, s.build(), step, Set.of());
    }

    @Test
    void aHealthyClusterHasNoFindingsAndAReplicaHostMayGo() {
        assertThat(LiveChecker.checkCluster(inv, Snap.healthy().build())).isEmpty();
        assertThat(gate(Snap.healthy(), maintain("m4", "r4"))).isEmpty();
        assertThat(LiveChecker.ruleIds()).contains("cluster-majority");
    }

    @Test
    void takingDownALiveShardMasterIsMasterDownButKeepsTheMajority() {
        List<Diagnostic> ds = gate(Snap.healthy(), maintain("m1", "r1"));
        assertThat(errors(ds)).containsExactly("master-down");
        assertThat(ds.get(0).message()).contains("r1:17001").contains("0-5460");
        assertThat(ds.get(0).fix()).contains("shard: r1:17001");
        assertThat(ds.get(0).steps()).containsExactly("m1");
    }

    @Test
    void twoMastersOfThreeDownLosesTheMajority() {
        List<Diagnostic> ds = gate(Snap.healthy(), maintain("m12", "r1", "r2"));
        assertThat(errors(ds)).contains("master-down", "cluster-majority");
        assertThat(text(ds)).contains("only 1 of the 3 slot-owning masters").contains("take down at most 1 master");
    }

    @Test
    void aKilledReplicaIsUnreachableAndItsShardWouldHaveNoInstanceUp() {
        Snap s = Snap.healthy().kill(4);
        List<Diagnostic> now = LiveChecker.checkCluster(inv, s.build());
        assertThat(errors(now)).containsExactly("unreachable");
        assertThat(now.get(0).message()).contains("r4:17004").contains("connection refused").contains("flagged fail");

        List<Diagnostic> ds = gate(s, maintain("m1", "r1"));
        assertThat(errors(ds)).contains("cluster-majority", "master-down");
        assertThat(text(ds)).contains("slots 0-5460 would have no instance up");
    }

    @Test
    void aMasterFlaggedPfailCountsAsLostForTheMajority() {
        Snap s = Snap.healthy().flag(2, "fail?");
        List<Diagnostic> now = LiveChecker.checkCluster(inv, s.build());
        assertThat(errors(now)).containsExactly("unreachable");
        assertThat(now.get(0).message()).contains("answers, but the cluster flags it (flagged fail?)");
        List<Diagnostic> ds = gate(s, maintain("m6", "r6"));
        assertThat(errors(ds)).doesNotContain("cluster-majority");
        assertThat(errors(gate(s.promote(6), maintain("m6", "r6")))).contains("cluster-majority");
    }

    @Test
    void aLaggingReplicaIsNoFailoverTarget() {
        Snap s = Snap.healthy().lag(5, 10_000_000);
        assertThat(errors(LiveChecker.checkCluster(inv, s.build()))).containsExactly("replica-sync");
        List<Diagnostic> ds = gate(s, failover("f2", r(2), r(5)));
        assertThat(errors(ds)).containsExactly("replica-sync");
        assertThat(ds.get(0).message()).contains("10000000 bytes").contains("lose acknowledged writes");
        List<Diagnostic> noTarget = gate(s, failover("f2", r(2), null));
        assertThat(errors(noTarget)).containsExactly("no-failover-target");
        assertThat(noTarget.get(0).message()).as("names the replica and why it cannot be promoted")
                .endsWith(": " + r(5) + " not in sync: 10000000 bytes of offset behind (max_lag 1048576)");
        assertThat(LiveChecker.failoverTarget(inv, s.build(), new StepAction.Failover("sessions", null, r(2)), Set.of()))
                .isEmpty();
    }

    @Test
    void aReplicaWithItsLinkDownIsOutOfSync() {
        List<Diagnostic> ds = LiveChecker.checkCluster(inv, Snap.healthy().linkDown(6).build());
        assertThat(errors(ds)).containsExactly("replica-sync");
        assertThat(ds.get(0).message()).contains("r6:17006").contains("master_link_status:down");
    }

    @Test
    void aShardFailoverPicksTheInSyncReplicaAndIsDoneOncePromoted() {
        Optional<Endpoint> t = LiveChecker.failoverTarget(inv, Snap.healthy().build(),
                new StepAction.Failover("sessions", null, r(1)), Set.of());
        assertThat(t).contains(r(4));
        assertThat(gate(Snap.healthy(), failover("f1", r(1), null))).isEmpty();
        assertThat(gate(Snap.healthy().promote(4), failover("f1", r(1), r(4)))).isEmpty();
        assertThat(errors(gate(Snap.healthy(), failover("f1", r(1), r(5))))).containsExactly("replica-sync");
        assertThat(errors(gate(Snap.healthy(), failover("f1", r(1), r(4))))).isEmpty();
        // the target's host is down at this point of the plan
        assertThat(errors(LiveChecker.checkBeforeStep(inv, Snap.healthy().build(), failover("f1", r(1), r(4)),
                Set.of(node(4))))).contains("unreachable");
    }

    @Test
    void aShardFailoverWithoutToNeverChoosesAReplicaAnotherStepHasDown() {
        StepAction.Failover any = new StepAction.Failover("sessions", null, r(1));
        assertThat(LiveChecker.failoverTarget(inv, Snap.healthy().build(), any, Set.of())).contains(r(4));
        assertThat(LiveChecker.failoverTarget(inv, Snap.healthy().build(), any, Set.of(node(4)))).isEmpty();
        assertThat(LiveChecker.failoverTarget(inv, Snap.healthy().build(), any, Set.of(node(5)))).contains(r(4));
    }

    @Test
    void aShardFailoverNeedsAMajorityOfMastersToVote() {
        Snap s = Snap.healthy().kill(2).kill(3);
        assertThat(errors(gate(s, failover("f1", r(1), r(4))))).contains("cluster-majority");
    }

    @Test
    void twoNodesClaimingTheSameSlotsIsSplitBrain() {
        List<Diagnostic> ds = LiveChecker.checkCluster(inv, Snap.healthy().claims(4, "0-5460").build());
        assertThat(errors(ds)).contains("split-brain");
        assertThat(text(ds)).contains("r1:17001 and r4:17004 both claim slots 0-5460")
                .contains("disagree whether r4:17004 is a master");
        assertThat(errors(gate(Snap.healthy().claims(4, "0-100"), maintain("m6", "r6")))).contains("split-brain");
    }

    @Test
    void slotsWithoutAMasterStopTheCluster() {
        List<Diagnostic> ds = LiveChecker.checkCluster(inv, Snap.healthy().unassign(3).build());
        assertThat(errors(ds)).contains("cluster-majority");
        assertThat(text(ds)).contains("10923-16383").contains("cluster_state fail").contains("CLUSTER ADDSLOTS");
    }

    @Test
    void aFailedOverShardIsDriftAndTheOverlayTakesItsLiveMaster() {
        Snap s = Snap.healthy().kill(1).promote(4);
        List<Diagnostic> ds = LiveChecker.checkCluster(inv, s.build());
        assertThat(errors(ds)).containsExactly("unreachable");
        assertThat(ds).anyMatch(d -> d.rule().equals("drift") && d.message().contains("r4:17004"));
        RedisClusterService live = (RedisClusterService) LiveOverlay.apply(inv, s.build()).service("sessions").orElseThrow();
        assertThat(live.shards().get(0)).containsExactly(r(4), r(1));
        assertThat(live.shards().get(1)).containsExactly(r(2), r(5));
        // the killed old master holds no slots: the majority is the three live masters
        assertThat(errors(gate(s, maintain("m2", "r2")))).containsExactly("unreachable", "master-down");
    }

    @Test
    void noNodeAnsweringIsUnreachable() {
        Snap s = Snap.healthy();
        for (int n = 1; n <= 6; n++) {
            s.silent(n);
        }
        List<Diagnostic> ds = LiveChecker.checkCluster(inv, s.build());
        assertThat(text(ds)).contains("no node of sessions answered CLUSTER NODES");
    }

    @Test
    void statusShowsShardsCoverageAndFlags() {
        Snap s = Snap.healthy().kill(5).lag(6, 42);
        List<ClusterSummary> cs = LiveStatus.clusters(inv, s.build());
        assertThat(cs).hasSize(1);
        ClusterSummary c = cs.get(0);
        assertThat(c.state()).isEqualTo("ok");
        assertThat(c.coveredSlots()).isEqualTo(16384);
        assertThat(c.missingSlots()).isNull();
        assertThat(c.shards()).extracting(ClusterSummary.Shard::slots).containsExactly("0-5460", "5461-10922", "10923-16383");
        assertThat(c.shards().get(1).replicas().get(0).flags()).contains("fail");
        assertThat(c.shards().get(2).replicas().get(0).lagBytes()).isEqualTo(42L);
        List<StatusRow> rows = LiveStatus.rows(inv, s.build());
        assertThat(rows).filteredOn(r -> r.instance().equals("sessions@r1:17001")).singleElement()
                .satisfies(r -> assertThat(r.role()).isEqualTo("master 0-5460"));
        assertThat(rows).filteredOn(r -> r.instance().equals("sessions@r6:17006")).singleElement()
                .satisfies(r -> {
                    assertThat(r.role()).isEqualTo("replica of r3:17003");
                    assertThat(r.lagBytes()).isEqualTo(42L);
                    assertThat(r.link()).isEqualTo("up");
                });
        assertThat(LiveStatus.clusters(inv, Snap.healthy().unassign(2).build()).get(0).missingSlots())
                .isEqualTo("5461-10922");
    }

    @Test
    void aNodeWritingAnRdbMayNotStopAndAFullReplicaIsNoTarget() {
        Snap s = Snap.healthy().info(4, "rdb_bgsave_in_progress:1").info(5, "used_memory:950");
        List<Diagnostic> now = LiveChecker.checkCluster(inv, s.build());
        assertThat(errors(now)).isEmpty();
        assertThat(now).extracting(Diagnostic::rule).contains("persistence", "memory-headroom");
        // r4 forking also makes the cluster not quiet (policy.cluster_quiet): every step waits, see ClusterQuietTest
        assertThat(errors(gate(s, maintain("m4", "r4")))).containsExactly("resync", "persistence");
        List<Diagnostic> ds = gate(s, failover("f2", r(2), r(5)));
        assertThat(errors(ds)).containsExactly("resync", "memory-headroom");
        assertThat(ds.get(1).message()).contains("95%");
    }
}
