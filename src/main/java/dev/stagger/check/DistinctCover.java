package dev.stagger.check;

import java.util.ArrayList;
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
 * chosen so far, or skip it, pruned by how many uncovered units are still reachable. Past a budget it
 * answers "unknown", which callers treat as unsafe.
 */
final class DistinctCover {
    static final int BUDGET = 200_000;

    /** {@code spans} cover {@code need} units when {@code proven}; otherwise the budget ran out. */
    record Result(List<DownSpan> spans, boolean proven) {
    }

    private final Poset poset;
    private final List<String> units = new ArrayList<>();
    private final List<List<DownSpan>> coverOf = new ArrayList<>();
    private final Function<DownSpan, Set<String>> unitsOf;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final boolean[] covered;
    private final boolean[] skipped;
    private final List<DownSpan> chosen = new ArrayList<>();
    private int budget;

    private DistinctCover(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf, Poset poset, int budget) {
        this.poset = poset;
        this.unitsOf = unitsOf;
        this.budget = budget;
        for (DownSpan s : spans) {
            for (String u : unitsOf.apply(s)) {
                int i = index.computeIfAbsent(u, k -> {
                    units.add(k);
                    coverOf.add(new ArrayList<>());
                    return units.size() - 1;
                });
                coverOf.get(i).add(s);
            }
        }
        covered = new boolean[units.size()];
        skipped = new boolean[units.size()];
    }

    /** Null when no moment has {@code need} distinct units down. */
    static Result find(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf, Poset poset, int need) {
        return find(spans, unitsOf, poset, need, BUDGET);
    }

    static Result find(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf, Poset poset, int need, int budget) {
        DistinctCover c = new DistinctCover(spans, unitsOf, poset, budget);
        Boolean found = c.search(0, need);
        if (found == null) {
            return new Result(List.copyOf(c.chosen), false);
        }
        return found ? new Result(List.copyOf(c.chosen), true) : null;
    }

    private Boolean search(int have, int need) {
        if (have >= need) {
            return true;
        }
        if (--budget < 0) {
            return null;
        }
        int reachable = 0;
        int pick = -1;
        for (int u = 0; u < units.size(); u++) {
            if (!covered[u] && !skipped[u] && coverOf.get(u).stream().anyMatch(this::fits)) {
                reachable++;
                if (pick < 0) {
                    pick = u;
                }
            }
        }
        if (have + reachable < need) {
            return false;
        }
        for (DownSpan s : coverOf.get(pick)) {
            if (!fits(s)) {
                continue;
            }
            List<Integer> added = new ArrayList<>();
            for (String u : unitsOf.apply(s)) {
                int i = index.get(u);
                if (!covered[i]) {
                    covered[i] = true;
                    added.add(i);
                }
            }
            chosen.add(s);
            Boolean r = search(have + added.size(), need);
            if (r == null || r) {
                return r;
            }
            chosen.remove(chosen.size() - 1);
            added.forEach(i -> covered[i] = false);
        }
        skipped[pick] = true;
        Boolean r = search(have, need);
        skipped[pick] = false;
        return r;
    }

    private boolean fits(DownSpan s) {
        for (DownSpan c : chosen) {
            if (c != s && !c.compatible(s, poset)) {
                return false;
            }
        }
        return true;
    }
}
