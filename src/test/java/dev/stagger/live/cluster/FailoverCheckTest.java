package dev.stagger.live.cluster;

import static dev.stagger.live.cluster.CapturedReplies.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverCheckTest {
    static final String T = "127.0.0.1:17006";
    static final String OLD = "127.0.0.1:17001";
    static final String THIRD = "127.0.0.1:17002";
    static final List<SlotRange> SLOTS = List.of(new SlotRange(0, 5460));

    static final String AFTER = NODES.replace("myself,master - 0 1795762396000 1 connected 0-5460",
                    "slave " + R6 + " 0 1795762396000 7 connected")
            .replace("slave " + M1 + " 0 1795762396205 1 connected", "master - 0 1795762396205 7 connected 0-5460");
    static final NodeReplication OLD_REPLICATES_TARGET =
            NodeReplication.parse("role:slave\nmaster_host:127.0.0.1\nmaster_port:17006\nmaster_link_status:up\n");

    static List<String> unmet(String role, String targetView, String oldView, String thirdView, NodeReplication r) {
        Map<String, List<ClusterNode>> views = new LinkedHashMap<>();
        views.put(T, targetView == null ? null : ClusterNodesParser.parse(targetView));
        views.put(OLD, oldView == null ? null : ClusterNodesParser.parse(oldView));
        views.put(THIRD, thirdView == null ? null : ClusterNodesParser.parse(thirdView));
        return FailoverCheck.unmet(T, OLD, SLOTS, "r6:7000", "r1:7000", new FailoverCheck.Observation(role, views, r));
    }

    @Test
    void confirmedWhenRoleEveryViewAndTheOldMastersLinkAgree() {
        assertThat(unmet("master", AFTER, AFTER, AFTER, OLD_REPLICATES_TARGET)).isEmpty();
    }

    @Test
    void okReplyAloneIsNotEnough_nothingChangedYet() {
        assertThat(unmet("slave", NODES, NODES, NODES, NodeReplication.parse(MASTER_INFO))).containsExactly(
                "ROLE on r6:7000 says slave, not master",
                "CLUSTER NODES on r6:7000 does not show r6:7000 as master of 0-5460",
                "CLUSTER NODES on r6:7000 does not show r1:7000 as replica of r6:7000",
                "CLUSTER NODES on r1:7000 does not show r6:7000 as master of 0-5460",
                "CLUSTER NODES on r1:7000 does not show r1:7000 as replica of r6:7000",
                "CLUSTER NODES on 127.0.0.1:17002 does not show r6:7000 as master of 0-5460",
                "CLUSTER NODES on 127.0.0.1:17002 does not show r1:7000 as replica of r6:7000",
                "r1:7000 does not replicate from r6:7000 yet (role master)");
    }

    @Test
    void aLaggingObserverSilentNodesAndADownLinkKeepItUnconfirmed() {
        NodeReplication linkDown = NodeReplication.parse("role:slave\nmaster_host:127.0.0.1\nmaster_port:17006\nmaster_link_status:down\n");
        assertThat(unmet("master", AFTER, null, NODES, linkDown)).containsExactly(
                "r1:7000 did not answer CLUSTER NODES",
                "CLUSTER NODES on 127.0.0.1:17002 does not show r6:7000 as master of 0-5460",
                "CLUSTER NODES on 127.0.0.1:17002 does not show r1:7000 as replica of r6:7000",
                "r1:7000 replicates r6:7000 but master_link_status is not up");
        assertThat(unmet(null, AFTER.replace("7 connected\n", "7 disconnected\n"), AFTER, AFTER, null))
                .containsExactly("r6:7000 did not answer ROLE",
                        "the cluster bus link from r6:7000 to r1:7000 is not connected",
                        "r1:7000 did not answer INFO replication");
    }

    @Test
    void testKeyHashesIntoTheShard() {
        String key = ClusterFailovers.keyIn(List.of(new SlotRange(10923, 16383)));
        int slot = redis.clients.jedis.util.JedisClusterCRC16.getSlot(key);
        assertThat(slot).isBetween(10923, 16383);
    }
}
