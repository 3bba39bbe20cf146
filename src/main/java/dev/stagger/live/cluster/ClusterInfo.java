package dev.stagger.live.cluster;

import dev.stagger.live.redis.InfoParser;
import java.util.Map;

/** The parts of CLUSTER INFO that say whether the cluster serves every slot. */
public record ClusterInfo(
        String state,
        int slotsAssigned,
        int slotsOk,
        int slotsPfail,
        int slotsFail,
        int knownNodes,
        int size,
        long currentEpoch) {

    public static ClusterInfo parse(String text) {
        Map<String, String> kv = InfoParser.fields(text);
        if (!kv.containsKey("cluster_state")) {
            throw new IllegalArgumentException("CLUSTER INFO has no cluster_state field");
        }
        return new ClusterInfo(kv.get("cluster_state"),
                num(kv, "cluster_slots_assigned"), num(kv, "cluster_slots_ok"),
                num(kv, "cluster_slots_pfail"), num(kv, "cluster_slots_fail"),
                num(kv, "cluster_known_nodes"), num(kv, "cluster_size"),
                Long.parseLong(kv.getOrDefault("cluster_current_epoch", "0")));
    }

    private static int num(Map<String, String> kv, String key) {
        return Integer.parseInt(kv.getOrDefault(key, "0"));
    }

    public boolean isOk() {
        return "ok".equals(state);
    }
}
