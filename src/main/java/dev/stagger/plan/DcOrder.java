package dev.stagger.plan;

import dev.stagger.model.Instance;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The data centres in the order a fleet laid out by data centre is best maintained: those holding
 * the fewest Redis masters first, so every master can move once, to a replica already maintained
 * (stagger issue 12). Gives each maintenance step the rank of the latest data centre it takes down.
 */
final class DcOrder {
    private DcOrder() {
    }

    /** The data centres with work, fewest masters first (then by name). */
    static List<String> ranked(Analysis a) {
        Map<String, Integer> masters = new TreeMap<>();
        Set<Set<String>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Work w : a.work) {
            Set<String> dcs = a.dcsDown(w);
            if (seen.add(dcs)) {
                for (String dc : dcs) {
                    masters.putIfAbsent(dc, 0);
                }
            }
        }
        for (int g = 0; g < a.groups.size(); g++) {
            Instance m = a.masterOf(g);
            masters.computeIfPresent(a.inventory.dcOf(m.host()), (k, v) -> v + 1);
        }
        return masters.keySet().stream().sorted(java.util.Comparator.comparingInt(masters::get)).toList();
    }

    /** Each maintenance step's rank: the rank of the latest-ranked data centre it takes down (0 when none). */
    static int[] stepRanks(Analysis a, List<String> ranked) {
        Map<String, Integer> rankOf = new HashMap<>();
        for (int k = 0; k < ranked.size(); k++) {
            rankOf.put(ranked.get(k), k);
        }
        int[] out = new int[a.work.size()];
        Map<Set<String>, Integer> rankOfSet = new IdentityHashMap<>();
        for (Work w : a.work) {
            out[w.index()] = rankOfSet.computeIfAbsent(a.dcsDown(w), dcs -> {
                int r = 0;
                for (String dc : dcs) {
                    r = Math.max(r, rankOf.getOrDefault(dc, 0));
                }
                return r;
            });
        }
        return out;
    }
}
