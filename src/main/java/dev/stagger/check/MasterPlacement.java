package dev.stagger.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a Redis Cluster's masters can be placed so that no data centre holds half or more of
 * them: each shard's master on one of its members, so the choice of DC per shard is limited to the
 * DCs its instances live in. An assignment with capacities (each DC may take fewer than half of the
 * masters), solved as a min-cost flow, so that the planner can also ask for the placement that
 * needs the fewest failovers from where the masters are.
 */
public final class MasterPlacement {
    private MasterPlacement() {
    }

    /**
     * The placement of least total cost with no DC holding half or more of the masters, or empty
     * when none exists.
     *
     * <p>Successive shortest paths over the data centres: every shard starts in a DC of least cost
     * to it (the cheapest placement, ignoring the limit); then, while some DC holds too many, a chain
     * of moves (a shard from DC a to b, another from b to c, ...) ends in a DC with room, the chain
     * of least added cost (Bellman-Ford; a move back to a cheaper DC counts negative). Each chain
     * lowers the excess by one and, as in any successive-shortest-path flow, keeps the placement the
     * cheapest for its excess; when no chain reaches a DC with room, no placement exists (the same
     * answer as a maximum matching of shards to the DCs' slots).
     *
     * @param costs for each shard, the DCs its master may be in and what each costs (say, the
     *              failovers it takes to get there)
     */
    public static Optional<List<String>> cheapest(List<Map<String, Integer>> costs) {
        int shards = costs.size();
        Set<String> all = new TreeSet<>();
        costs.forEach(c -> all.addAll(c.keySet()));
        List<String> dcs = new ArrayList<>(all);
        int d = dcs.size();
        Map<String, Integer> dcIndex = new HashMap<>();
        for (int k = 0; k < d; k++) {
            dcIndex.put(dcs.get(k), k);
        }
        // cost[s][k]: Integer.MAX_VALUE where shard s has no instance in DC k.
        int[][] cost = new int[shards][d];
        int[] at = new int[shards];
        int[] load = new int[d];
        for (int s = 0; s < shards; s++) {
            int[] row = cost[s];
            Arrays.fill(row, Integer.MAX_VALUE);
            costs.get(s).forEach((dc, c) -> row[dcIndex.get(dc)] = c);
            at[s] = -1;
            for (int k = 0; k < d; k++) {
                if (cost[s][k] != Integer.MAX_VALUE && (at[s] < 0 || cost[s][k] < cost[s][at[s]])) {
                    at[s] = k;
                }
            }
            if (at[s] < 0) {
                return Optional.empty();
            }
            load[at[s]]++;
        }
        int capacity = (shards - 1) / 2; // the most masters one DC may hold: 2 * capacity < shards
        while (true) {
            boolean over = false;
            for (int k = 0; k < d; k++) {
                over |= load[k] > capacity;
            }
            if (!over) {
                break;
            }
            if (!moveAlongCheapestChain(cost, at, load, capacity)) {
                return Optional.empty();
            }
        }
        List<String> out = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++) {
            out.add(dcs.get(at[s]));
        }
        return Optional.of(out);
    }

    /**
     * One chain of moves from a DC over its limit to one with room, of least added cost; false when
     * no chain reaches a DC with room.
     */
    private static boolean moveAlongCheapestChain(int[][] cost, int[] at, int[] load, int capacity) {
        int d = load.length;
        long none = Long.MAX_VALUE / 4;
        // The cheapest single move from DC a to DC b, and the shard that makes it.
        long[][] step = new long[d][d];
        int[][] mover = new int[d][d];
        for (long[] row : step) {
            Arrays.fill(row, none);
        }
        for (int s = 0; s < at.length; s++) {
            int a = at[s];
            for (int b = 0; b < d; b++) {
                if (b != a && cost[s][b] != Integer.MAX_VALUE) {
                    long delta = (long) cost[s][b] - cost[s][a];
                    if (delta < step[a][b]) {
                        step[a][b] = delta;
                        mover[a][b] = s;
                    }
                }
            }
        }
        long[] dist = new long[d];
        int[] prev = new int[d];
        Arrays.fill(dist, none);
        Arrays.fill(prev, -1);
        for (int k = 0; k < d; k++) {
            if (load[k] > capacity) {
                dist[k] = 0;
            }
        }
        for (int round = 0; round < d; round++) {
            boolean changed = false;
            for (int a = 0; a < d; a++) {
                if (dist[a] == none) {
                    continue;
                }
                for (int b = 0; b < d; b++) {
                    if (step[a][b] != none && dist[a] + step[a][b] < dist[b]) {
                        dist[b] = dist[a] + step[a][b];
                        prev[b] = a;
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        int end = -1;
        for (int k = 0; k < d; k++) {
            if (load[k] < capacity && dist[k] != none && (end < 0 || dist[k] < dist[end])) {
                end = k;
            }
        }
        if (end < 0) {
            return false;
        }
        // Walk back to the overfull DC the chain starts from, then make its moves (each by another shard).
        List<int[]> moves = new ArrayList<>();
        for (int b = end; prev[b] >= 0 && moves.size() < d; b = prev[b]) {
            moves.add(new int[] {mover[prev[b]][b], b});
        }
        for (int[] m : moves) {
            load[at[m[0]]]--;
            at[m[0]] = m[1];
            load[m[1]]++;
        }
        return true;
    }
}
