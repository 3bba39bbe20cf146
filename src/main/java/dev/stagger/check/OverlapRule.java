package dev.stagger.check;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Severity;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            for (ReplicaGroup g : ctx.masters().groupsTouching(ctx.downtime().touched(i), failed)) {
                byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, Integer> instanceOrder = new HashMap<>();
        byInstance.keySet().forEach(k -> instanceOrder.put(k, instanceOrder.size()));
        for (Map.Entry<String, List<Integer>> e : byInstance.entrySet()) {
            int me = instanceOrder.get(e.getKey());
            // A pair that shares several instances is reported about the first of them only.
            forPairs(p, e.getValue(), (a, b) -> firstShared(ctx, a, b, instanceOrder) == me, (a, b) -> {
                String msg = ids(ctx, a, b) + " may overlap and both touch " + e.getKey();
                ctx.findings().add("overlap", Severity.ERROR, Set.of(a, b), e.getKey(), msg, fix(ctx, a, b));
            }, n -> ctx.findings().countFolded("overlap", e.getKey(), n));
        }
        for (Map.Entry<ReplicaGroup, List<Integer>> e : byGroup.entrySet()) {
            ReplicaGroup g = e.getKey();
            String subject = MasterRules.subject(g);
            // A pair that shares an instance was reported about it: an instance before a group.
            forPairs(p, e.getValue(), (a, b) -> firstShared(ctx, a, b, instanceOrder) < 0, (a, b) -> {
                String msg = ids(ctx, a, b) + " may overlap and both touch " + g.label() + ": "
                        + role(ctx, g, first(ctx, a, b)) + "; " + role(ctx, g, second(ctx, a, b));
                ctx.findings().add("overlap", Severity.ERROR, Set.of(a, b), subject, msg, fix(ctx, a, b));
            }, n -> ctx.findings().countFolded("overlap", subject, n));
        }
    }

    private interface PairTest {
        boolean test(int a, int b);
    }

    private interface PairAction {
        void accept(int a, int b);
    }

    /** The order of the first instance both steps touch, or -1 when they share none. */
    private static int firstShared(Context ctx, int a, int b, Map<String, Integer> instanceOrder) {
        int best = -1;
        Set<Instance> other = ctx.downtime().touched(b);
        for (Instance x : ctx.downtime().touched(a)) {
            if (other.contains(x)) {
                int o = instanceOrder.get(x.toString());
                best = best < 0 ? o : Math.min(best, o);
            }
        }
        return best;
    }

    /**
     * Every pair of the steps (in topological order) that may overlap and passes {@code mine}: the
     * first pair of each later step is reported in full, the others only counted (a plan of thousands
     * of unordered steps over one host has millions of pairs; the report names one and says how many
     * more). A list whose consecutive steps are ordered is a chain: no pair can overlap, and nothing
     * is looked at twice (100,000 steps in sequence order stay linear).
     */
    private static void forPairs(Poset p, List<Integer> steps, PairTest mine, PairAction report,
                                 java.util.function.LongConsumer countMore) {
        boolean chain = true;
        for (int x = 1; x < steps.size() && chain; x++) {
            chain = p.precedes(steps.get(x - 1), steps.get(x));
        }
        if (chain) {
            return;
        }
        long more = 0;
        for (int y = 1; y < steps.size(); y++) {
            boolean reported = false;
            for (int x = 0; x < y; x++) {
                int a = steps.get(x);
                int b = steps.get(y);
                if (p.mayOverlap(a, b) && mine.test(a, b)) {
                    if (reported) {
                        more++;
                    } else {
                        report.accept(a, b);
                        reported = true;
                    }
                }
            }
        }
        if (more > 0) {
            countMore.accept(more);
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
