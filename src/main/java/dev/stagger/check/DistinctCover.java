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
 * instance twice and a lighter antichain of other instances may still break the limit. Distinct DCs
 * ({@code max-down-dcs}) are no weight at all. This depth-first search settles both: take the first
 * unit still reachable, cover it with a span compatible with every span chosen so far, or skip it,
 * pruned by how many uncovered units are still reachable. Which spans are compatible with the choice
 * so far is a {@link Fit}, so each caller keeps the representation that is fast for its plans. Past
 * a budget it answers "unknown", which callers treat as unsafe.
 */
final class DistinctCover<O> {
    static final int BUDGET = 50_000;

    /** {@code spans} cover {@code need} units when {@code proven}; otherwise the budget ran out. */
    record Result(List<DownSpan> spans, boolean proven) {
    }

    /**
     * Which spans can still join the chosen ones. {@code O} describes the choice so far and is never
     * modified: {@link #chose} returns a new one, so backtracking needs no undo.
     */
    interface Fit<O> {
        /** Nothing chosen yet. */
        O none();

        /** Span {@code s} can be down at one moment with every chosen span. */
        boolean fits(O open, int s);

        /** Some span that takes unit {@code u} down fits (a fast path for "any of {@link Units#spansOf}"). */
        boolean reaches(O open, int u);

        /** The choice after adding span {@code s}. */
        O chose(O open, int s);
    }

    /** The units each span takes down, numbered by first appearance, and the spans of each unit. */
    static final class Units {
        private final List<int[]> unitsOfSpan = new ArrayList<>();
        private final List<List<Integer>> spansOfUnit = new ArrayList<>();

        Units(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < spans.size(); i++) {
                Set<String> units = unitsOf.apply(spans.get(i));
                int[] mine = new int[units.size()];
                int k = 0;
                for (String u : units) {
                    int ui = index.computeIfAbsent(u, x -> {
                        spansOfUnit.add(new ArrayList<>());
                        return spansOfUnit.size() - 1;
                    });
                    spansOfUnit.get(ui).add(i);
                    mine[k++] = ui;
                }
                unitsOfSpan.add(mine);
            }
        }

        int count() {
            return spansOfUnit.size();
        }

        /** The spans that take unit {@code u} down, in span order. */
        List<Integer> spansOf(int u) {
            return spansOfUnit.get(u);
        }

        int[] unitsOf(int s) {
            return unitsOfSpan.get(s);
        }
    }

    private final Units units;
    private final Fit<O> fit;
    private final boolean[] covered;
    private final boolean[] skipped;
    private final List<Integer> chosen = new ArrayList<>();
    private int budget;

    private DistinctCover(Units units, Fit<O> fit, int budget) {
        this.units = units;
        this.fit = fit;
        this.budget = budget;
        covered = new boolean[units.count()];
        skipped = new boolean[units.count()];
    }

    /** Null when no moment has {@code need} distinct units down. */
    static Result find(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf, Poset poset, int need) {
        return find(spans, unitsOf, poset, need, BUDGET);
    }

    static Result find(List<DownSpan> spans, Function<DownSpan, Set<String>> unitsOf, Poset poset, int need, int budget) {
        Units units = new Units(spans, unitsOf);
        return find(spans, units, new CompatibleRows(spans, units, poset), need, budget);
    }

    /** Null when no choice the {@code fit} allows has {@code need} distinct units down. */
    static <O> Result find(List<DownSpan> spans, Units units, Fit<O> fit, int need, int budget) {
        DistinctCover<O> c = new DistinctCover<>(units, fit, budget);
        Boolean found = c.search(0, need, c.fit.none());
        List<DownSpan> chosen = c.chosen.stream().map(spans::get).toList();
        if (found == null) {
            return new Result(chosen, false);
        }
        return found ? new Result(chosen, true) : null;
    }

    /** @param open the choice so far, as the {@link Fit} describes it */
    private Boolean search(int have, int need, O open) {
        if (have >= need) {
            return true;
        }
        if (--budget < 0) {
            return null;
        }
        int reachable = 0;
        int pick = -1;
        for (int u = 0; u < units.count(); u++) {
            if (!covered[u] && !skipped[u] && fit.reaches(open, u)) {
                reachable++;
                if (pick < 0) {
                    pick = u;
                }
            }
        }
        if (have + reachable < need) {
            return false;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int s : units.spansOf(pick)) {
            if (fit.fits(open, s)) {
                candidates.add(s);
            }
        }
        for (int s : candidates) {
            List<Integer> added = new ArrayList<>();
            for (int u : units.unitsOf(s)) {
                if (!covered[u]) {
                    covered[u] = true;
                    added.add(u);
                }
            }
            chosen.add(s);
            Boolean r = search(have + added.size(), need, fit.chose(open, s));
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

    /**
     * The spans compatible with the choice so far as a bit set (one lazily computed row per chosen
     * span), so a search step costs a few word operations per unit.
     */
    private static final class CompatibleRows implements Fit<BitSet> {
        private final Poset poset;
        private final List<DownSpan> spans;
        private final List<BitSet> coverOf = new ArrayList<>();
        private final Map<Integer, BitSet> compatibleRow = new LinkedHashMap<>();

        CompatibleRows(List<DownSpan> spans, Units units, Poset poset) {
            this.poset = poset;
            this.spans = spans;
            for (int u = 0; u < units.count(); u++) {
                BitSet b = new BitSet(spans.size());
                units.spansOf(u).forEach(b::set);
                coverOf.add(b);
            }
        }

        @Override
        public BitSet none() {
            BitSet all = new BitSet(spans.size());
            all.set(0, spans.size());
            return all;
        }

        @Override
        public boolean fits(BitSet open, int s) {
            return open.get(s);
        }

        @Override
        public boolean reaches(BitSet open, int u) {
            return coverOf.get(u).intersects(open);
        }

        @Override
        public BitSet chose(BitSet open, int s) {
            BitSet narrowed = (BitSet) open.clone();
            narrowed.and(row(s));
            return narrowed;
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
    }
}
