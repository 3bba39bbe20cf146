package dev.stagger.check;

import dev.stagger.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Can {@code need} of some units (each a set of instances; a unit is down when any of its instances
 * is) be down at one moment while step {@code step} is in progress? The step's own targets count as
 * down (an instance that is starting is not up yet). A depth-first search picks, unit by unit, a
 * span compatible with the step and with every span already picked; past a budget it answers
 * "possibly", so an unproven case is refused rather than passed.
 */
final class CoverSearch {
    static final int BUDGET = 20_000;

    /** The spans that take the units down (empty if the step's own targets suffice); {@code proven} false past the budget. */
    record Witness(List<DownSpan> spans, boolean proven) {
    }

    private final Downtime downtime;
    private final int step;
    private final List<List<DownSpan>> options = new ArrayList<>();
    private final List<DownSpan> chosen = new ArrayList<>();
    private int budget = BUDGET;

    private CoverSearch(Downtime downtime, int step) {
        this.downtime = downtime;
        this.step = step;
    }

    static Witness find(Downtime downtime, int step, List<Set<Instance>> units, int need) {
        CoverSearch s = new CoverSearch(downtime, step);
        int own = 0;
        for (Set<Instance> u : units) {
            if (u.stream().anyMatch(downtime.touched(step)::contains)) {
                own++;
                continue;
            }
            List<DownSpan> opts = new ArrayList<>();
            for (Instance x : u) {
                for (DownSpan span : downtime.spansOf(x)) {
                    if (span.compatibleWithStep(step, downtime.poset()) && !(span.from() == step && span.to() == step)) {
                        opts.add(span);
                    }
                }
            }
            if (!opts.isEmpty()) {
                s.options.add(opts);
            }
        }
        if (own + s.options.size() < need) {
            return null;
        }
        Boolean found = s.search(0, own, need);
        if (found == null) {
            return new Witness(List.copyOf(s.chosen), false);
        }
        return found ? new Witness(List.copyOf(s.chosen), true) : null;
    }

    private Boolean search(int unit, int have, int need) {
        if (have >= need) {
            return true;
        }
        if (have + options.size() - unit < need) {
            return false;
        }
        if (--budget < 0) {
            return null;
        }
        for (DownSpan span : options.get(unit)) {
            boolean fits = chosen.contains(span) || chosen.stream().allMatch(c -> c.compatible(span, downtime.poset()));
            if (!fits) {
                continue;
            }
            boolean added = !chosen.contains(span);
            if (added) {
                chosen.add(span);
            }
            Boolean r = search(unit + 1, have + 1, need);
            if (r == null || r) {
                return r;
            }
            if (added) {
                chosen.remove(chosen.size() - 1);
            }
        }
        return search(unit + 1, have, need);
    }
}
