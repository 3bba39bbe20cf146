package dev.stagger.live.cluster;

import static dev.stagger.live.cluster.CapturedReplies.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void clusterNodesGivesAddressesFlagsMastersAndSlots() {
        List<ClusterNode> nodes = ClusterNodesParser.parse(NODES);
        assertThat(nodes).hasSize(6);
        ClusterNode m1 = nodes.get(3);
        assertThat(m1.id()).isEqualTo(M1);
        assertThat(m1.address()).isEqualTo("127.0.0.1:17001");
        assertThat(m1.busPort()).isEqualTo(27001);
        assertThat(m1.isMyself()).isTrue();
        assertThat(m1.isMaster()).isTrue();
        assertThat(m1.masterId()).isNull();
        assertThat(m1.linkConnected()).isTrue();
        assertThat(m1.slots()).containsExactly(new SlotRange(0, 5460));
        ClusterNode r6 = nodes.get(5);
        assertThat(r6.isReplica()).isTrue();
        assertThat(r6.masterId()).isEqualTo(M1);
        assertThat(r6.slots()).isEmpty();
    }

    @Test
    void clusterNodesFailFlagsAndMigratingMarkers() {
        List<ClusterNode> nodes = ClusterNodesParser.parse(NODES_AFTER_FAILOVER_AND_FAIL);
        assertThat(nodes.get(0).isFailed()).isTrue();
        assertThat(nodes.get(0).isSuspectedFailed()).isFalse();
        assertThat(nodes.get(0).linkConnected()).isFalse();
        assertThat(nodes.get(2).isSuspectedFailed()).isTrue();
        assertThat(nodes.get(2).isFailed()).isFalse();
        // [5461->-id] is a slot being migrated, not a second range
        assertThat(nodes.get(4).slots()).containsExactly(new SlotRange(5461, 10922));
    }

    @Test
    void clusterNodesHostnameNoaddrAndIpv6() {
        List<ClusterNode> nodes = ClusterNodesParser.parse("""
                aaa 10.0.1.10:7000@17000,redis-1 master - 0 0 1 connected 0-99 100 200-300
                bbb :0@0 slave,noaddr aaa 0 0 1 disconnected
                ccc ::1:7001@17001 handshake - 0 0 0 connected
                """);
        assertThat(nodes.get(0).hostname()).isEqualTo("redis-1");
        assertThat(nodes.get(0).slots()).containsExactly(new SlotRange(0, 100), new SlotRange(200, 300));
        assertThat(nodes.get(1).hasNoAddress()).isTrue();
        assertThat(nodes.get(2).ip()).isEqualTo("::1");
        assertThat(nodes.get(2).port()).isEqualTo(7001);
        assertThat(nodes.get(2).isHandshake()).isTrue();
    }

    @Test
    void clusterNodesRejectsATruncatedLine() {
        assertThatThrownBy(() -> ClusterNodesParser.parse("abc 127.0.0.1:1@2 master -"))
                .hasMessageContaining("line 1 has 4 fields");
    }

    @Test
    void clusterInfo() {
        ClusterInfo info = ClusterInfo.parse(INFO);
        assertThat(info.isOk()).isTrue();
        assertThat(info.slotsAssigned()).isEqualTo(16384);
        assertThat(info.slotsOk()).isEqualTo(16384);
        assertThat(info.knownNodes()).isEqualTo(6);
        assertThat(info.size()).isEqualTo(3);
        assertThat(info.currentEpoch()).isEqualTo(6);
        assertThat(ClusterInfo.parse("cluster_state:fail\r\ncluster_slots_pfail:3\r\n").slotsPfail()).isEqualTo(3);
        assertThatThrownBy(() -> ClusterInfo.parse("ERR")).hasMessageContaining("cluster_state");
    }

    @Test
    void infoReplication() {
        NodeReplication r = NodeReplication.parse(REPLICA_INFO);
        assertThat(r.isReplica()).isTrue();
        assertThat(r.masterHost()).isEqualTo("127.0.0.1");
        assertThat(r.masterPort()).isEqualTo(17001);
        assertThat(r.linkUp()).isTrue();
        assertThat(r.offset()).isEqualTo(14);
        NodeReplication m = NodeReplication.parse(MASTER_INFO);
        assertThat(m.isMaster()).isTrue();
        assertThat(m.offset()).isEqualTo(20);
        assertThat(NodeReplication.parse("role:slave\nmaster_link_status:down\n").linkUp()).isFalse();
    }

    @Test
    void clusterShards() {
        List<ClusterShard> shards = ClusterShardsParser.parse(SHARDS);
        assertThat(shards).hasSize(2);
        assertThat(shards.get(0).slots()).containsExactly(new SlotRange(10923, 16383));
        assertThat(shards.get(0).members().get(1).health()).isEqualTo("loading");
        ClusterShard.Member m1 = shards.get(1).members().get(0);
        assertThat(m1.isMaster()).isTrue();
        assertThat(m1.address()).isEqualTo("127.0.0.1:17001");
        assertThat(m1.hostname()).isEqualTo("r1");
        assertThat(m1.replicationOffset()).isEqualTo(14);
    }

    @Test
    void slotRanges() {
        assertThat(SlotRange.parse("7")).isEqualTo(new SlotRange(7, 7));
        assertThat(SlotRange.missing(List.of(new SlotRange(0, 5460), new SlotRange(10923, 16383))))
                .containsExactly(new SlotRange(5461, 10922));
        assertThat(SlotRange.count(List.of(new SlotRange(0, 10), new SlotRange(5, 20)))).isEqualTo(21);
        assertThat(SlotRange.describe(List.of(new SlotRange(9, 9), new SlotRange(0, 5)))).isEqualTo("0-5,9");
        assertThatThrownBy(() -> SlotRange.parse("16384")).isInstanceOf(IllegalArgumentException.class);
    }
}
