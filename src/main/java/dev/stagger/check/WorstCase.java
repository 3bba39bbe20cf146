package dev.stagger.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The worst moment for one counted resource: the most units (instances, shard masters) down at once
 * over every set of steps that may be in progress together, and the smallest set of those spans that
 * already breaks the limit (what a message should name).
 *
 * @param spans       the fewest spans, in plan order, that together exceed the limit
 * @param units       the units those spans take down
 * @param worstUnits  how many units the worst moment takes down
 * @param proven      false when the search for distinct units ran out of budget: the limit may
 *                    hold, but it could not be shown, so the plan is refused
 */
record WorstCase(List<DownSpan> spans, Set<String> units, int worstUnits, boolean proven) {

    /** Null when at most {@code allowed} units can be down at once. */
    static WorstCase over(Context ctx, Function<DownSpan, Set<String>> unitsOf, int allowed) {
        List<DownSpan> relevant = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (DownSpan s : ctx.downtime().spans()) {
            int w = unitsOf.apply(s).size();
            if (w > 0) {
                relevant.add(s);
                weights.add(w);
            }
        }
        if (relevant.stream().allMatch(DownSpan::isPermanent)) {
            return null; // the inventory's own state: not something the plan does
        }
        int[] w = weights.stream().mapToInt(Integer::intValue).toArray();
        MaxAntichain.Result r = MaxAntichain.exceeding(relevant, w, ctx.poset(), allowed);
        if (r == null) {
            return null;
        }
        List<DownSpan> worst = new ArrayList<>();
        for (int i : r.items()) {
            worst.add(relevant.get(i));
        }
        // Spans can share an instance (two steps that may overlap both take it down): `overlap`
        // reports that. Count each instance once; if that is within the limit, the heaviest
        // antichain double-counted, and a lighter one of distinct instances may still break it.
        Set<String> all = new TreeSet<>();
        worst.forEach(s -> all.addAll(unitsOf.apply(s)));
        boolean proven = true;
        if (all.size() <= allowed) {
            DistinctCover.Result distinct = DistinctCover.find(relevant, unitsOf, ctx.poset(), allowed + 1);
            if (distinct == null) {
                return null;
            }
            proven = distinct.proven();
            if (proven) {
                worst = new ArrayList<>(distinct.spans());
                all.clear();
                worst.forEach(s -> all.addAll(unitsOf.apply(s)));
            }
        }
        worst.sort(Comparator.comparingInt((DownSpan s) -> s.isInitial() ? -1 : ctx.poset().written(s.from())));
        List<DownSpan> fewest = new ArrayList<>();
        Set<String> units = new TreeSet<>();
        for (DownSpan s : worst) {
            if (units.size() > allowed && proven) {
                break;
            }
            if (units.addAll(unitsOf.apply(s))) {
                fewest.add(s);
            }
        }
        if (fewest.stream().allMatch(DownSpan::isInitial)) {
            // Already over the limit before the plan starts: name the plan's first contribution.
            worst.stream().filter(s -> !s.isInitial()).findFirst().ifPresent(s -> {
                fewest.add(s);
                units.addAll(unitsOf.apply(s));
            });
        }
        if (fewest.stream().allMatch(DownSpan::isInitial)) {
            return null;
        }
        return new WorstCase(fewest, units, all.size(), proven);
    }
}
