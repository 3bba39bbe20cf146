package dev.stagger.check;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a Redis Cluster's masters can be placed so that no data centre holds half or more of
 * them: each shard's master on one of its members, so the choice of DC per shard is limited to the
 * DCs its instances live in. A bipartite matching with capacities (each DC may take fewer than half
 * of the masters), found by augmenting paths: exact, and tiny next to the shard count.
 */
final class MasterPlacement {
    private MasterPlacement() {
    }

    /**
     * One DC per shard (in shard order) with no DC holding half or more of the masters, or empty
     * when no placement can: then only a change of layout (more DCs for the shards' replicas, or
     * another shard) removes the warning.
     */
    static Optional<List<String>> spread(List<Set<String>> dcsOfShard) {
        int shards = dcsOfShard.size();
        int capacity = (shards - 1) / 2; // the most masters one DC may hold: 2 * capacity < shards
        String[] chosen = new String[shards];
        Map<String, Integer> owner = new HashMap<>(); // "dc#slot" -> shard
        for (int s = 0; s < shards; s++) {
            if (!place(s, dcsOfShard, capacity, chosen, owner, new HashSet<>())) {
                return Optional.empty();
            }
        }
        return Optional.of(Arrays.asList(chosen));
    }

    /**
     * Kuhn's augmenting path over slots (each DC has {@code capacity} of them): take a free slot
     * in one of the shard's DCs, or one whose shard can move to another slot.
     */
    private static boolean place(int s, List<Set<String>> dcsOfShard, int capacity, String[] chosen,
                                 Map<String, Integer> owner, Set<String> visited) {
        for (String dc : dcsOfShard.get(s)) {
            for (int k = 0; k < capacity; k++) {
                String slot = dc + "#" + k;
                if (!visited.add(slot)) {
                    continue;
                }
                Integer other = owner.get(slot);
                if (other == null || place(other, dcsOfShard, capacity, chosen, owner, visited)) {
                    owner.put(slot, s);
                    chosen[s] = dc;
                    return true;
                }
            }
        }
        return false;
    }
}
