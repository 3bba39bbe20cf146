package dev.stagger.live.cluster;

import static dev.stagger.live.cluster.CapturedReplies.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

    static Map<String, NodeReplication> allAnswer(String masterInfo, String replicaInfo, String... replicaIds) {
        Map<String, NodeReplication> m = new HashMap<>();
        for (String id : List.of(M1, M2, M3)) {
            m.put(id, NodeReplication.parse(masterInfo));
        }
        for (String id : replicaIds) {
            m.put(id, NodeReplication.parse(replicaInfo));
        }
        return m;
    }

    static ClusterView healthy() {
        return new ClusterView("127.0.0.1:17001", ClusterInfo.parse(INFO), ClusterNodesParser.parse(NODES),
                allAnswer(MASTER_INFO, REPLICA_INFO, R4, R5, R6));
    }

    @Test
    void healthyClusterHasThreeShardsFullCoverageAndNoProblems() {
        ClusterView v = healthy();
        assertThat(v.coveredSlots()).isEqualTo(16384);
        assertThat(v.missingSlots()).isEmpty();
        assertThat(v.problems()).isEmpty();
        List<ClusterView.Shard> shards = v.shards();
        assertThat(shards).extracting(s -> s.master().port()).containsExactly(17001, 17002, 17003);
        assertThat(shards).extracting(ClusterView.Shard::slotsText).containsExactly("0-5460", "5461-10922", "10923-16383");
        ClusterView.Replica r6 = shards.get(0).replicas().get(0);
        assertThat(r6.node().port()).isEqualTo(17006);
        assertThat(r6.linkUp()).isTrue();
        assertThat(r6.lag()).isEqualTo(6); // master offset 20, replica 14
        assertThat(v.shardOfSlot(6000).orElseThrow().master().id()).isEqualTo(M2);
    }

    @Test
    void failedNodesSuspectedNodesSilentNodesAndLinkDownAreProblems() {
        Map<String, NodeReplication> rep = allAnswer(MASTER_INFO, REPLICA_INFO, R4, R5);
        rep.put(M1, NodeReplication.parse("role:slave\nmaster_host:127.0.0.1\nmaster_port:17006\nmaster_link_status:down\n"));
        rep.remove(M3);
        ClusterView v = new ClusterView("127.0.0.1:17001",
                ClusterInfo.parse("cluster_state:fail\ncluster_slots_pfail:0\ncluster_slots_fail:5461\n"),
                ClusterNodesParser.parse(NODES_AFTER_FAILOVER_AND_FAIL), rep);
        assertThat(v.problems()).containsExactly(
                "cluster_state is fail (seen from 127.0.0.1:17001)",
                "slots in pfail: 0, in fail: 5461",
                "master 127.0.0.1:17003 is flagged fail by the cluster",
                "replica 127.0.0.1:17005 is flagged fail? (suspected) by 127.0.0.1:17001",
                "master 127.0.0.1:17006 did not answer INFO replication",
                "replica 127.0.0.1:17001 of 127.0.0.1:17006 has master_link_status down");
        assertThat(v.shards().get(0).master().port()).isEqualTo(17006);
    }

    @Test
    void uncoveredSlotsAreNamed() {
        String nodes = NODES.lines().filter(l -> !l.contains("10923-16383")).reduce("", (a, b) -> a + b + "\n");
        ClusterView v = new ClusterView("x", ClusterInfo.parse(INFO), ClusterNodesParser.parse(nodes),
                allAnswer(MASTER_INFO, REPLICA_INFO, R4, R5, R6));
        assertThat(v.coveredSlots()).isEqualTo(10923);
        assertThat(v.problems()).contains("5461 of 16384 slots have no master: 10923-16383");
    }
}
