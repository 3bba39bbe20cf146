package dev.stagger.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Under {@code max_down_dcs}, splits the steps into blocks whose data centres may be down together,
 * in the order they run: data centres holding fewer Redis masters first, so that masters can move to
 * hosts already maintained. Without the policy everything is one block.
 */
final class DcBlocks {
    private DcBlocks() {
    }

    /** The blocks in order, each a list of maintenance step indexes; null when written edges allow no block order. */
    static List<List<Integer>> form(Analysis a) {
        int n = a.work.size();
        if (a.allowedDcs == null || a.allowedDcs <= 0) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            return List.of(all);
        }
        Map<String, int[]> keys = new LinkedHashMap<>();
        for (Work w : a.work) {
            if (w.dcs().isEmpty()) {
                continue;
            }
            int[] stats = keys.computeIfAbsent(String.join(",", w.dcs()), k -> new int[] {0, w.index()});
            for (int k = 0; k < w.groups().length; k++) {
                if (w.takesMasterDown(k)) {
                    stats[0]++;
                }
            }
        }
        List<String> ordered = new ArrayList<>(keys.keySet());
        ordered.sort(Comparator.<String>comparingInt(k -> keys.get(k)[0]).thenComparingInt(k -> keys.get(k)[1]));
        List<Set<String>> blockDcs = new ArrayList<>();
        Map<String, Integer> blockOfKey = new LinkedHashMap<>();
        for (String k : ordered) {
            Set<String> dcs = new TreeSet<>(List.of(k.split(",")));
            int chosen = -1;
            for (int b = 0; b < blockDcs.size() && chosen < 0; b++) {
                Set<String> union = new TreeSet<>(blockDcs.get(b));
                union.addAll(dcs);
                if (union.size() <= a.allowedDcs) {
                    chosen = b;
                    blockDcs.set(b, union);
                }
            }
            if (chosen < 0) {
                chosen = blockDcs.size();
                blockDcs.add(dcs);
            }
            blockOfKey.put(k, chosen);
        }
        int blocks = Math.max(1, blockDcs.size());
        int[] rank = blockRanks(a, blockOfKey, blocks);
        if (rank == null) {
            return null;
        }
        int[] blockOf = new int[n];
        for (int i : a.topological()) {
            Work w = a.work.get(i);
            int atLeast = 0;
            for (int p : w.preds()) {
                atLeast = Math.max(atLeast, blockOf[p]);
            }
            if (w.dcs().isEmpty()) {
                blockOf[i] = atLeast;
            } else {
                blockOf[i] = rank[blockOfKey.get(String.join(",", w.dcs()))];
                if (blockOf[i] < atLeast) {
                    return null;
                }
            }
        }
        List<List<Integer>> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            out.get(blockOf[i]).add(i);
        }
        out.removeIf(List::isEmpty);
        return out;
    }

    /** Each block's position, keeping written edges between blocks forward; null on a cycle. */
    private static int[] blockRanks(Analysis a, Map<String, Integer> blockOfKey, int blocks) {
        List<Set<Integer>> succ = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            succ.add(new TreeSet<>());
        }
        int[] indegree = new int[blocks];
        for (Work w : a.work) {
            if (w.dcs().isEmpty()) {
                continue;
            }
            int to = blockOfKey.get(String.join(",", w.dcs()));
            for (int p : w.preds()) {
                Work pw = a.work.get(p);
                if (!pw.dcs().isEmpty()) {
                    int from = blockOfKey.get(String.join(",", pw.dcs()));
                    if (from != to && succ.get(from).add(to)) {
                        indegree[to]++;
                    }
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int b = 0; b < blocks; b++) {
            if (indegree[b] == 0) {
                ready.add(b);
            }
        }
        int[] rank = new int[blocks];
        int next = 0;
        while (!ready.isEmpty()) {
            int b = ready.poll();
            rank[b] = next++;
            for (int s : succ.get(b)) {
                if (--indegree[s] == 0) {
                    ready.add(s);
                }
            }
        }
        return next == blocks ? rank : null;
    }

    /** For each block, the reason given to the edges that make it wait for the block before. */
    static List<String> reasons(Analysis a, List<List<Integer>> blocks) {
        List<String> out = new ArrayList<>();
        Set<String> previous = Set.of();
        for (List<Integer> block : blocks) {
            Set<String> dcs = new TreeSet<>();
            // Steps share their sets of data centres (one per combination): each set is added once.
            Set<Set<String>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (int i : block) {
                Set<String> stepDcs = a.work.get(i).dcs();
                if (seen.add(stepDcs)) {
                    dcs.addAll(stepDcs);
                }
            }
            out.add("max_down_dcs " + a.inventory.policy().maxDownDcs() + ": " + String.join(", ", dcs)
                    + " waits until " + String.join(", ", previous) + " is done");
            previous = dcs;
        }
        return out;
    }
}
