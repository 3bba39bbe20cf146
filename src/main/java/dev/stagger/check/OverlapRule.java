package dev.stagger.check;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Severity;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code overlap}: two steps that may overlap touch the same instance, the same Redis group or the
 * same cluster shard (a failover counts as touching its group). Each pair is reported once, about
 * the most specific thing it shares: an instance before a group.
 */
final class OverlapRule {
    private OverlapRule() {
    }

    static void check(Context ctx) {
        Poset p = ctx.poset();
        Map<String, List<Integer>> byInstance = new LinkedHashMap<>();
        Map<ReplicaGroup, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < p.size(); i++) {
            for (Instance x : ctx.downtime().touched(i)) {
                byInstance.computeIfAbsent(x.toString(), k -> new ArrayList<>()).add(i);
            }
            ReplicaGroup failed = ctx.masters().groupOfFailover(i);
            for (ReplicaGroup g : ctx.masters().groups()) {
                if (g.equals(failed) || ctx.downtime().touched(i).stream().anyMatch(g::contains)) {
                    byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
                }
            }
        }
        Set<Long> reported = new TreeSet<>();
        for (Map.Entry<String, List<Integer>> e : byInstance.entrySet()) {
            forPairs(p, e.getValue(), (a, b) -> {
                if (reported.add(key(a, b))) {
                    String msg = ids(ctx, a, b) + " may overlap and both touch " + e.getKey();
                    ctx.findings().add("overlap", Severity.ERROR, Set.of(a, b), e.getKey(), msg, fix(ctx, a, b));
                }
            });
        }
        for (Map.Entry<ReplicaGroup, List<Integer>> e : byGroup.entrySet()) {
            ReplicaGroup g = e.getKey();
            forPairs(p, e.getValue(), (a, b) -> {
                if (reported.add(key(a, b))) {
                    String msg = ids(ctx, a, b) + " may overlap and both touch " + g.label() + ": "
                            + role(ctx, g, first(ctx, a, b)) + "; " + role(ctx, g, second(ctx, a, b));
                    ctx.findings().add("overlap", Severity.ERROR, Set.of(a, b), MasterRules.subject(g), msg, fix(ctx, a, b));
                }
            });
        }
    }

    private interface PairAction {
        void accept(int a, int b);
    }

    private static void forPairs(Poset p, List<Integer> steps, PairAction action) {
        for (int x = 0; x < steps.size(); x++) {
            for (int y = x + 1; y < steps.size(); y++) {
                if (p.mayOverlap(steps.get(x), steps.get(y))) {
                    action.accept(steps.get(x), steps.get(y));
                }
            }
        }
    }

    private static long key(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    private static int first(Context ctx, int a, int b) {
        return ctx.poset().written(a) < ctx.poset().written(b) ? a : b;
    }

    private static int second(Context ctx, int a, int b) {
        return first(ctx, a, b) == a ? b : a;
    }

    private static String ids(Context ctx, int a, int b) {
        return ctx.id(first(ctx, a, b)) + " and " + ctx.id(second(ctx, a, b));
    }

    private static String fix(Context ctx, int a, int b) {
        return ctx.orderFix(Set.of(a, b));
    }

    private static String role(Context ctx, ReplicaGroup g, int step) {
        if (g.equals(ctx.masters().groupOfFailover(step))) {
            // Name the instances, so the reader sees which promotions can race.
            Endpoint to = ((StepAction.Failover) ctx.poset().step(step).action()).to();
            return ctx.id(step) + " fails it over from " + String.join(" or ", ctx.masters().masterBefore(step).stream()
                    .map(Endpoint::toString).toList()) + (to == null ? " to a replica" : " to " + to);
        }
        List<String> mine = new ArrayList<>();
        for (Endpoint e : g.members()) {
            if (ctx.downtime().touched(step).contains(g.instance(e))) {
                mine.add(e.toString());
            }
        }
        String verb = ctx.poset().step(step).action().keyword().equals("start") ? " starts " : " takes down ";
        return ctx.id(step) + verb + Phrases.list(mine);
    }
}
