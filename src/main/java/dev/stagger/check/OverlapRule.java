package dev.stagger.check;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Severity;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

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
        // Keyed by the instance itself: a name built per step and instance was a third of this
        // rule's time on a 100,000-host plan.
        Map<Instance, List<Integer>> byInstance = new LinkedHashMap<>();
        Map<ReplicaGroup, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < p.size(); i++) {
            for (Instance x : ctx.downtime().touched(i)) {
                byInstance.computeIfAbsent(x, k -> new ArrayList<>(2)).add(i);
            }
            ReplicaGroup failed = ctx.masters().groupOfFailover(i);
            for (ReplicaGroup g : ctx.masters().groupsTouching(ctx.downtime().touched(i), failed)) {
                byGroup.computeIfAbsent(g, k -> new ArrayList<>()).add(i);
            }
        }
        Map<Instance, Integer> instanceOrder = new HashMap<>();
        for (Map.Entry<Instance, List<Integer>> e : byInstance.entrySet()) {
            int me = instanceOrder.size();
            instanceOrder.put(e.getKey(), me);
            if (e.getValue().size() < 2) {
                continue; // no pair
            }
            String name = e.getKey().toString();
            // A pair that shares several instances is reported about the first of them only.
            forPairs(ctx, e.getValue(), shared -> instanceOrder.getOrDefault(shared, Integer.MAX_VALUE) < me, (a, b) -> {
                String msg = ids(ctx, a, b) + " may overlap and both touch " + name;
                ctx.findings().add("overlap", Severity.ERROR, Set.of(a, b), name, msg, fix(ctx, a, b));
            }, n -> ctx.findings().countFolded("overlap", name, n));
        }
        for (Map.Entry<ReplicaGroup, List<Integer>> e : byGroup.entrySet()) {
            ReplicaGroup g = e.getKey();
            String subject = MasterRules.subject(g);
            // A pair that shares an instance was reported about it: an instance before a group.
            forPairs(ctx, e.getValue(), shared -> true, (a, b) -> {
                String msg = ids(ctx, a, b) + " may overlap and both touch " + g.label() + ": "
                        + role(ctx, g, first(ctx, a, b)) + "; " + role(ctx, g, second(ctx, a, b));
                ctx.findings().add("overlap", Severity.ERROR, Set.of(a, b), subject, msg, fix(ctx, a, b));
            }, n -> ctx.findings().countFolded("overlap", subject, n));
        }
    }

    private interface PairAction {
        void accept(int a, int b);
    }

    /**
     * Every pair of the steps (ascending topological indices) that may overlap and shares no
     * instance that {@code reportedElsewhere} accepts: the first pair of each later step is reported
     * in full, the others only counted (a plan of thousands of unordered steps over one host has
     * millions of pairs; the report names one and says how many more).
     *
     * <p>Pairs are counted, not visited: for each step, the earlier steps that may overlap it are
     * those neither before it in the plan's order nor sharing an instance reported elsewhere, as bit
     * sets over this list's positions. That is m²/64 word operations for m steps instead of m² pair
     * tests (3,000 steps over one host took 26 s pair by pair). A chain is skipped at once: no pair
     * of it can overlap (100,000 steps in sequence order stay linear).
     */
    private static void forPairs(Context ctx, List<Integer> steps, Predicate<Instance> reportedElsewhere,
                                 PairAction report, LongConsumer countMore) {
        Poset p = ctx.poset();
        boolean chain = true;
        for (int x = 1; x < steps.size() && chain; x++) {
            chain = p.precedes(steps.get(x - 1), steps.get(x));
        }
        if (chain) {
            return;
        }
        int m = steps.size();
        int[] nodes = steps.stream().mapToInt(Integer::intValue).toArray();
        long[][] before = p.reachability().ancestorsWithin(nodes);
        // Which of these steps touch each instance whose shared pairs are reported elsewhere.
        Map<Instance, BitSet> touching = new HashMap<>();
        List<List<BitSet>> excludedBy = new ArrayList<>(m);
        for (int k = 0; k < m; k++) {
            List<BitSet> mine = new ArrayList<>();
            for (Instance x : ctx.downtime().touched(nodes[k])) {
                if (reportedElsewhere.test(x)) {
                    BitSet t = touching.computeIfAbsent(x, z -> new BitSet(m));
                    t.set(k);
                    mine.add(t);
                }
            }
            excludedBy.add(mine);
        }
        long more = 0;
        for (int y = 1; y < m; y++) {
            BitSet notCandidate = BitSet.valueOf(before[y]);
            for (BitSet t : excludedBy.get(y)) {
                notCandidate.or(t);
            }
            notCandidate.clear(y, m);
            int candidates = y - notCandidate.cardinality();
            if (candidates > 0) {
                report.accept(nodes[notCandidate.nextClearBit(0)], nodes[y]);
                more += candidates - 1;
            }
        }
        if (more > 0) {
            countMore.accept(more);
        }
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
