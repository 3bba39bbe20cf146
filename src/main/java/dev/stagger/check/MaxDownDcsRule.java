package dev.stagger.check;

import dev.stagger.model.Instance;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code max-down-dcs}: can instances be down in more data centres at once than the policy allows?
 * Distinct DCs over an antichain is not a weight, so {@link DistinctCover} searches for a witness:
 * pick the DCs one at a time (cover it with a span compatible with those chosen, or skip it), pruned
 * by which DCs the remaining compatible spans can still reach. Exact when it finishes; it stops after a budget
 * and then refuses the plan, saying it could not prove the policy holds: never pass an unsafe plan.
 */
final class MaxDownDcsRule {
    static final int BUDGET = 200_000;

    private MaxDownDcsRule() {
    }

    static void check(Context ctx) {
        check(ctx, BUDGET);
    }

    /** @param budget search steps before giving up and refusing the plan as unproven (tests use small ones) */
    static void check(Context ctx, int budget) {
        Integer limit = ctx.inventory().policy().maxDownDcs();
        if (limit == null) {
            return;
        }
        Set<String> baseline = new TreeSet<>();
        for (DownSpan s : ctx.downtime().spans()) {
            if (s.isPermanent()) {
                s.instances().forEach(x -> baseline.add(ctx.dcOf(x)));
            }
        }
        int need = limit + 1 - baseline.size();
        if (need <= 0) {
            ctx.downtime().spans().stream().filter(s -> !s.isInitial()).findFirst()
                    .ifPresent(s -> report(ctx, List.of(s), baseline, limit));
            return;
        }
        Function<DownSpan, Set<String>> newDcs = s -> {
            Set<String> out = new LinkedHashSet<>();
            s.instances().stream().map(ctx::dcOf).filter(dc -> !baseline.contains(dc)).forEach(out::add);
            return out;
        };
        List<DownSpan> spans = ctx.downtime().spans().stream()
                .filter(s -> !s.isPermanent() && !newDcs.apply(s).isEmpty()).toList();
        DistinctCover.Units dcs = new DistinctCover.Units(spans, newDcs);
        DistinctCover.Result found = DistinctCover.find(spans, dcs, new PointSteps(spans, dcs, ctx.poset()), need, budget);
        if (found == null) {
            return;
        }
        if (!found.proven()) {
            Set<Integer> steps = new TreeSet<>();
            spans.stream().filter(s -> !s.isInitial()).forEach(s -> steps.add(s.from()));
            ctx.findings().add("max-down-dcs", Severity.ERROR, Set.of(steps.stream().max(Integer::compare).orElseThrow()),
                    "policy", "could not prove within " + budget + " search steps that at most " + limit
                    + " DCs have instances down at once (the plan leaves too many steps unordered across "
                    + Phrases.plural(dcs.count(), "DC") + ")",
                    "order the steps of different DCs explicitly, e.g. every step of one DC before the steps of the next");
        } else {
            report(ctx, found.spans(), baseline, limit);
        }
    }

    private static void report(Context ctx, List<DownSpan> spans, Set<String> baseline, int limit) {
        Map<String, Set<String>> byDc = new LinkedHashMap<>();
        for (String dc : baseline) {
            byDc.put(dc + " (already down)", new TreeSet<>());
        }
        for (DownSpan s : spans) {
            for (Instance x : s.instances()) {
                String dc = ctx.dcOf(x);
                if (!baseline.contains(dc)) {
                    byDc.computeIfAbsent(dc, k -> new TreeSet<>()).add(x.host());
                }
            }
        }
        List<String> parts = new ArrayList<>();
        byDc.forEach((dc, hosts) -> parts.add(hosts.isEmpty() ? dc : dc + ": " + String.join(", ", hosts)));
        Set<Integer> steps = ctx.stepsOf(spans);
        String msg = ctx.takeDown(steps) + " instances in " + Phrases.plural(byDc.size(), "DC") + " at once ("
                + String.join("; ", parts) + "); policy max_down_dcs " + limit;
        String fix = ctx.spanFix(spans, steps);
        if (fix == null && !baseline.isEmpty()) {
            List<DownSpan> down = new ArrayList<>(spans);
            ctx.downtime().spans().stream().filter(DownSpan::isPermanent).forEach(down::add);
            fix = ctx.reviveFix(down, steps);
        }
        if (fix == null) {
            fix = ctx.reviveFix(spans, steps);
        }
        if (fix == null) {
            fix = "split " + ctx.ids(steps).get(0) + " into one step per DC, ordered one after another";
        }
        ctx.findings().add("max-down-dcs", Severity.ERROR, steps, "policy", msg, fix);
    }

    /**
     * Most spans of a large plan are one {@code maintain} step: which of those still fit is kept as
     * the set of steps allowed by every chosen span's order (a few word operations per choice, from
     * the poset's cached sets); longer spans are checked against each chosen span.
     */
    private static final class PointSteps implements DistinctCover.Fit<PointSteps.Choice> {
        /** The steps whose maintain span fits, and the chosen spans, latest first. */
        record Choice(BitSet allowedPoints, DownSpan last, Choice before) {
        }

        private final List<DownSpan> spans;
        private final DistinctCover.Units dcs;
        private final Poset poset;
        /** Per DC: the steps whose maintain span takes it down. */
        private final List<BitSet> pointStepsIn = new ArrayList<>();

        PointSteps(List<DownSpan> spans, DistinctCover.Units dcs, Poset poset) {
            this.spans = spans;
            this.dcs = dcs;
            this.poset = poset;
            for (int d = 0; d < dcs.count(); d++) {
                BitSet points = new BitSet(poset.size());
                for (int s : dcs.spansOf(d)) {
                    if (isPoint(spans.get(s))) {
                        points.set(spans.get(s).from());
                    }
                }
                pointStepsIn.add(points);
            }
        }

        private static boolean isPoint(DownSpan s) {
            return s.from() >= 0 && s.from() == s.to() && s.alsoEnds().isEmpty();
        }

        @Override
        public Choice none() {
            BitSet all = new BitSet(poset.size());
            all.set(0, poset.size());
            return new Choice(all, null, null);
        }

        @Override
        public boolean fits(Choice open, int s) {
            DownSpan span = spans.get(s);
            return isPoint(span) ? open.allowedPoints().get(span.from()) : compatibleWithChosen(open, span);
        }

        @Override
        public boolean reaches(Choice open, int d) {
            if (pointStepsIn.get(d).intersects(open.allowedPoints())) {
                return true;
            }
            for (int s : dcs.spansOf(d)) {
                if (!isPoint(spans.get(s)) && compatibleWithChosen(open, spans.get(s))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Choice chose(Choice open, int s) {
            DownSpan span = spans.get(s);
            return new Choice(narrowed(open.allowedPoints(), span), span, open);
        }

        private boolean compatibleWithChosen(Choice open, DownSpan s) {
            for (Choice c = open; c.last() != null; c = c.before()) {
                if (!s.compatible(c.last(), poset)) {
                    return false;
                }
            }
            return true;
        }

        /** The steps whose maintain span is compatible with every chosen span, after choosing {@code s}. */
        private BitSet narrowed(BitSet allowedPoints, DownSpan s) {
            BitSet out = (BitSet) allowedPoints.clone();
            for (int end : s.ends()) {
                out.andNot(poset.descendants(end));
            }
            if (s.from() != Poset.BEFORE) {
                out.andNot(poset.ancestors(s.from()));
            }
            return out;
        }
    }
}
