package dev.stagger.check;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Can spans that are all down at one moment take down {@code need} distinct units? The maximum
 * weight antichain answers that when no two of its spans share a unit; when they do (two steps that
 * may overlap both take one instance down, which {@code overlap} reports), its weight counts that
 * instance twice and a lighter antichain of other instances may still break the limit. This
 * depth-first search settles it: unit by unit, cover it with a span compatible with every span
 * chosen so far, or skip it, pruned by how many uncovered units are still reachable. The spans
 * compatible with the choice so far are kept as a bit set (one lazily computed row per chosen span),
 * so a search step costs a few word operations per unit. Past a budget it answers "unknown", which
 * callers treat as unsafe.
 */
final class DistinctCover {
    static final int BUDGET = 50_000;

    /** {@code spans} cover {@code need} units when {@code proven}; otherwise the budget ran out. */
    record Result(List<DownSpan> spans, boolean proven) {
    }

    private final Poset poset;
    private final List<DownSpan> spans;
    private final List<int[]> unitsOfSpan = new ArrayList<>();
    /** Per unit: the spans that take it down. */
    private final List<BitSet> coverOf = new ArrayList<>();
    private final Map<Integer, BitSet> compatibleRow = new LinkedHashMap<>();
    private final boolean[] covered;
    private final boolean[] skipped;
    private final List<Integer> chosen = new ArrayList<>();
    private int budget;

    private DistinctCover(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf, Poset poset, int budget) {
        this.poset = poset;
        this.spans = spans;
        this.budget = budget;
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < spans.size(); i++) {
            Set<String> units = unitsOf.apply(spans.get(i));
            int[] mine = new int[units.size()];
            int k = 0;
            for (String u : units) {
                int ui = index.computeIfAbsent(u, x -> {
                    coverOf.add(new BitSet(spans.size()));
                    return coverOf.size() - 1;
                });
                coverOf.get(ui).set(i);
                mine[k++] = ui;
            }
            unitsOfSpan.add(mine);
        }
        covered = new boolean[coverOf.size()];
        skipped = new boolean[coverOf.size()];
    }

    /** Null when no moment has {@code need} distinct units down. */
    static Result find(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf, Poset poset, int need) {
        return find(spans, unitsOf, poset, need, BUDGET);
    }

    static Result find(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf, Poset poset, int need, int budget) {
        DistinctCover c = new DistinctCover(spans, unitsOf, poset, budget);
        BitSet all = new BitSet(spans.size());
        all.set(0, spans.size());
        Boolean found = c.search(0, need, all);
        List<DownSpan> chosen = c.chosen.stream().map(spans::get).toList();
        if (found == null) {
            return new Result(chosen, false);
        }
        return found ? new Result(chosen, true) : null;
    }

    /** The spans that can be down at one moment with span {@code s} (itself included). */
    private BitSet row(int s) {
        return compatibleRow.computeIfAbsent(s, k -> {
            BitSet b = new BitSet(spans.size());
            DownSpan x = spans.get(k);
            for (int j = 0; j < spans.size(); j++) {
                if (j == k || x.compatible(spans.get(j), poset)) {
                    b.set(j);
                }
            }
            return b;
        });
    }

    /** @param open the spans compatible with every chosen one */
    private Boolean search(int have, int need, BitSet open) {
        if (have >= need) {
            return true;
        }
        if (--budget < 0) {
            return null;
        }
        int reachable = 0;
        int pick = -1;
        for (int u = 0; u < coverOf.size(); u++) {
            if (!covered[u] && !skipped[u] && coverOf.get(u).intersects(open)) {
                reachable++;
                if (pick < 0) {
                    pick = u;
                }
            }
        }
        if (have + reachable < need) {
            return false;
        }
        BitSet candidates = (BitSet) coverOf.get(pick).clone();
        candidates.and(open);
        for (int s = candidates.nextSetBit(0); s >= 0; s = candidates.nextSetBit(s + 1)) {
            List<Integer> added = new ArrayList<>();
            for (int u : unitsOfSpan.get(s)) {
                if (!covered[u]) {
                    covered[u] = true;
                    added.add(u);
                }
            }
            chosen.add(s);
            BitSet narrowed = (BitSet) open.clone();
            narrowed.and(row(s));
            Boolean r = search(have + added.size(), need, narrowed);
            if (r == null || r) {
                return r;
            }
            chosen.remove(chosen.size() - 1);
            added.forEach(u -> covered[u] = false);
        }
        skipped[pick] = true;
        Boolean r = search(have, need, open);
        skipped[pick] = false;
        return r;
    }
}
