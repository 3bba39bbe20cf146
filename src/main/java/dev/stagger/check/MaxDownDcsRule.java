package dev.stagger.check;

import dev.stagger.model.Instance;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code max-down-dcs}: can instances be down in more data centres at once than the policy allows?
 * Distinct DCs over an antichain is not a weight, so this searches for a witness: pick the DCs one
 * at a time (cover it with a span compatible with those chosen, or skip it), pruned by which DCs
 * the remaining compatible spans can still reach. Exact when it finishes; it stops after a budget
 * and then refuses the plan, saying it could not prove the policy holds: never pass an unsafe plan.
 */
final class MaxDownDcsRule {
    static final int BUDGET = 200_000;

    private final Context ctx;
    private final Poset poset;
    private final List<String> dcs = new ArrayList<>();
    private final List<List<DownSpan>> spansIn = new ArrayList<>();
    private final List<BitSet> pointStepsIn = new ArrayList<>();
    private final Map<DownSpan, Set<Integer>> newDcsOf = new LinkedHashMap<>();
    private final boolean[] covered;
    private final List<DownSpan> chosen = new ArrayList<>();
    private int budget;

    private MaxDownDcsRule(Context ctx, Set<String> baseline, int budget) {
        this.ctx = ctx;
        this.budget = budget;
        this.poset = ctx.poset();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (DownSpan s : ctx.downtime().spans()) {
            if (s.isPermanent()) {
                continue;
            }
            Set<Integer> mine = new TreeSet<>();
            for (Instance x : s.instances()) {
                String dc = ctx.dcOf(x);
                if (baseline.contains(dc)) {
                    continue;
                }
                int d = index.computeIfAbsent(dc, k -> {
                    dcs.add(k);
                    spansIn.add(new ArrayList<>());
                    pointStepsIn.add(new BitSet(poset.size()));
                    return dcs.size() - 1;
                });
                if (mine.add(d)) {
                    spansIn.get(d).add(s);
                    if (isPoint(s)) {
                        pointStepsIn.get(d).set(s.from());
                    }
                }
            }
            if (!mine.isEmpty()) {
                newDcsOf.put(s, mine);
            }
        }
        covered = new boolean[dcs.size()];
    }

    private static boolean isPoint(DownSpan s) {
        return s.from() >= 0 && s.from() == s.to() && s.alsoEnds().isEmpty();
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
        MaxDownDcsRule search = new MaxDownDcsRule(ctx, baseline, budget);
        int need = limit + 1 - baseline.size();
        if (need <= 0) {
            ctx.downtime().spans().stream().filter(s -> !s.isInitial()).findFirst()
                    .ifPresent(s -> report(ctx, List.of(s), baseline, limit));
            return;
        }
        BitSet all = new BitSet(ctx.poset().size());
        all.set(0, ctx.poset().size());
        Boolean found = search.search(0, need, all, new boolean[search.dcs.size()]);
        if (found == null) {
            Set<Integer> steps = new TreeSet<>();
            search.newDcsOf.keySet().stream().filter(s -> !s.isInitial()).forEach(s -> steps.add(s.from()));
            ctx.findings().add("max-down-dcs", Severity.ERROR, Set.of(steps.stream().max(Integer::compare).orElseThrow()),
                    "policy", "could not prove within " + budget + " search steps that at most " + limit
                    + " DCs have instances down at once (the plan leaves too many steps unordered across "
                    + Phrases.plural(search.dcs.size(), "DC") + ")",
                    "order the steps of different DCs explicitly, e.g. every step of one DC before the steps of the next");
        } else if (found) {
            report(ctx, search.chosen, baseline, limit);
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

    /** True: {@link #chosen} covers {@code need} DCs; false: impossible; null: budget spent. */
    private Boolean search(int have, int need, BitSet allowedPoints, boolean[] skipped) {
        if (have >= need) {
            return true;
        }
        if (--budget < 0) {
            return null;
        }
        int reachable = 0;
        int pick = -1;
        for (int d = 0; d < dcs.size(); d++) {
            if (!covered[d] && !skipped[d] && reachable(d, allowedPoints)) {
                reachable++;
                if (pick < 0) {
                    pick = d;
                }
            }
        }
        if (have + reachable < need) {
            return false;
        }
        for (DownSpan s : candidates(pick, allowedPoints)) {
            List<Integer> added = new ArrayList<>();
            for (int d : newDcsOf.get(s)) {
                if (!covered[d]) {
                    covered[d] = true;
                    added.add(d);
                }
            }
            chosen.add(s);
            Boolean r = search(have + added.size(), need, narrowed(allowedPoints, s), skipped);
            if (r == null || r) {
                return r;
            }
            chosen.remove(chosen.size() - 1);
            added.forEach(d -> covered[d] = false);
        }
        skipped[pick] = true;
        Boolean r = search(have, need, allowedPoints, skipped);
        skipped[pick] = false;
        return r;
    }

    private boolean reachable(int d, BitSet allowedPoints) {
        if (pointStepsIn.get(d).intersects(allowedPoints)) {
            return true;
        }
        for (DownSpan s : spansIn.get(d)) {
            if (!isPoint(s) && compatibleWithChosen(s)) {
                return true;
            }
        }
        return false;
    }

    private List<DownSpan> candidates(int d, BitSet allowedPoints) {
        List<DownSpan> out = new ArrayList<>();
        for (DownSpan s : spansIn.get(d)) {
            if (isPoint(s) ? allowedPoints.get(s.from()) : compatibleWithChosen(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private boolean compatibleWithChosen(DownSpan s) {
        for (DownSpan c : chosen) {
            if (!s.compatible(c, poset)) {
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
