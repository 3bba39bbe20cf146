package dev.stagger.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lower bounds no safe plan can beat. Waves: every resource needs its load over its capacity
 * (app pools, sentinel voters, one step at a time per Redis group, --max-parallel), the written
 * {@code after} chains, and under {@code max_down_dcs 1} the data centres one after another.
 * Failovers: one per master on a host the plan takes down.
 */
final class Bounds {
    private Bounds() {
    }

    static LowerBounds of(Analysis a) {
        int best = a.work.isEmpty() ? 0 : 1;
        String why = a.work.isEmpty() ? "no maintenance steps" : "at least one maintenance step";
        Map<String, Integer> revived = revived(a);
        for (Resource r : a.resources) {
            // A start that brings back an instance declared down gives its pool that much more room.
            int cap = Math.max(1, r.initialCapacity + revived.getOrDefault(r.name, 0));
            int need = (int) ((r.load + cap - 1) / cap);
            if (need > best) {
                best = need;
                why = describe(a, r, cap);
            }
        }
        int chain = longestWrittenChain(a);
        if (chain > best) {
            best = chain;
            why = "the written after edges chain " + chain + " steps";
        }
        if (a.allowedDcs != null && a.allowedDcs >= 1) {
            int dcBound = dcBound(a);
            if (dcBound > best) {
                best = dcBound;
                why = "max_down_dcs " + a.inventory.policy().maxDownDcs()
                        + ": data centres are maintained one after another, each needing its own waves";
            }
        }
        int failovers = 0;
        List<String> masters = new ArrayList<>();
        // A step that takes a master down touches the master's group: look only there.
        boolean[] takenDown = new boolean[a.groups.size()];
        for (Work w : a.work) {
            for (int k = 0; k < w.groups().length; k++) {
                takenDown[w.groups()[k]] |= w.takesMasterDown(k);
            }
        }
        for (int g = 0; g < a.groups.size(); g++) {
            var m = a.masterOf(g);
            if (takenDown[g] || (a.initiallyDown.contains(m) && a.needsMaster(g) && !a.upInstances(g).isEmpty())) {
                failovers++;
                masters.add(m.toString());
            }
        }
        String fwhy = failovers == 0 ? "no master is on a host the plan takes down"
                : "one failover per master on a maintained host (" + String.join(", ", masters.subList(0, Math.min(5, masters.size())))
                + (masters.size() > 5 ? ", ..." : "") + ")";
        return new LowerBounds(best, why, failovers, fwhy);
    }

    private static String describe(Analysis a, Resource r, int cap) {
        if (r.name.startsWith("group:")) {
            return r.reason + ": " + r.load + " steps touch it";
        }
        if (r.name.startsWith("instance:") || "max-parallel".equals(r.rule)) {
            return r.reason + " (" + r.load + " steps)";
        }
        return r.name + ": " + r.load + " instances to take down, at most " + cap + " at once (" + r.reason + ")";
    }

    /** Under one data centre at a time, each data centre's own bound, summed. */
    private static int dcBound(Analysis a) {
        Map<String, Map<Integer, Long>> loads = new TreeMap<>();
        for (Work w : a.work) {
            if (w.dcs().isEmpty()) {
                continue;
            }
            String key = String.join(",", w.dcs());
            Map<Integer, Long> l = loads.computeIfAbsent(key, k -> new HashMap<>());
            for (int k = 0; k < w.resources().length; k++) {
                l.merge(w.resources()[k], (long) w.weights()[k], Long::sum);
            }
        }
        if (a.allowedDcs > 1) {
            // Each wave has at most allowedDcs data centres down, and every one with work needs a wave.
            java.util.Set<String> dcs = new java.util.TreeSet<>();
            for (Work w : a.work) {
                dcs.addAll(w.dcs());
            }
            return (dcs.size() + a.allowedDcs - 1) / a.allowedDcs;
        }
        Map<String, Integer> revived = revived(a);
        int sum = 0;
        for (Map<Integer, Long> l : loads.values()) {
            long most = 1;
            for (Map.Entry<Integer, Long> e : l.entrySet()) {
                Resource r = a.resources.get(e.getKey());
                int cap = Math.max(1, r.initialCapacity + revived.getOrDefault(r.name, 0));
                most = Math.max(most, (e.getValue() + cap - 1) / cap);
            }
            sum += (int) most;
        }
        return sum;
    }

    /** Instances declared down that a start step brings back, counted by service. */
    private static Map<String, Integer> revived(Analysis a) {
        Map<String, Integer> out = new HashMap<>();
        java.util.Set<dev.stagger.model.Instance> seen = new java.util.HashSet<>();
        for (Work w : a.work) {
            if (w.isStart()) {
                for (var i : w.touched()) {
                    if (a.initiallyDown.contains(i) && seen.add(i)) {
                        out.merge(i.service(), 1, Integer::sum);
                    }
                }
            }
        }
        return out;
    }

    private static int longestWrittenChain(Analysis a) {
        if (a.work.stream().allMatch(w -> w.preds().length == 0)) {
            return a.work.isEmpty() ? 0 : 1;
        }
        int[] depth = new int[a.work.size()];
        int best = 0;
        // preds always come from steps placed in a topological order; iterate in that order.
        for (int i : a.topological()) {
            Work w = a.work.get(i);
            int d = 0;
            for (int p : w.preds()) {
                d = Math.max(d, depth[p]);
            }
            depth[i] = d + 1;
            best = Math.max(best, depth[i]);
        }
        return best;
    }
}
