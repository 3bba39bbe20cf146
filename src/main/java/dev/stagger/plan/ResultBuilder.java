package dev.stagger.plan;

import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the scheduler's nodes into the planned steps, in a stable order, with waves and reasons. */
final class ResultBuilder {
    private static final int[] NO_SUCCESSORS = new int[0];
    private final Analysis a;
    private final Scheduler s;
    private final LowerBounds bounds;

    ResultBuilder(Analysis a, Scheduler s, LowerBounds bounds) {
        this.a = a;
        this.s = s;
        this.bounds = bounds;
    }

    /**
     * @param whyAboveFailovers said when the plan is above the failover bound, beside the groups that
     *                          move more than once; null for nothing more
     */
    PlanResult build(String whyAboveWaves, String whyAboveFailovers) {
        List<Node> nodes = s.nodes();
        int[] depthBefore = new int[nodes.size()];
        FailoverChain.link(nodes, depthBefore, FailoverChain.placesAndDepths(nodes, depthBefore));
        MasterSpread spread = MasterSpread.apply(a, nodes);
        int n = nodes.size();
        int[] depth = new int[n];
        EdgeReduction.apply(nodes, depth, FailoverChain.placesAndDepths(nodes, depth));
        // A failover is listed right before the wave of the step it clears the way for; then in node order.
        // Sorted as one long key per node (wave, failover first, index): no boxing, no comparator chain.
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            boolean failover = nodes.get(i).isFailover();
            keyed[i] = ((long) (failover ? depth[i] + 1 : depth[i]) << 32) | (failover ? 0L : 1L << 31) | i;
        }
        java.util.Arrays.sort(keyed);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = (int) (keyed[k] & 0x7FFF_FFFFL);
        }
        int[] position = new int[n];
        for (int k = 0; k < n; k++) {
            position[order[k]] = k;
        }
        List<Step> steps = new ArrayList<>(n);
        Map<Edge, String> added = new LinkedHashMap<>(2 * n);
        Map<String, String> inserted = new LinkedHashMap<>();
        Map<String, Integer> waveOf = new LinkedHashMap<>(2 * n);
        int waves = 0;
        int failovers = 0;
        for (int k = 0; k < n; k++) {
            Node node = nodes.get(order[k]);
            int[] preds = byPosition(node.preds, position, order);
            List<String> after = new ArrayList<>(preds.length);
            for (int p : preds) {
                String from = nodes.get(p).step.id();
                after.add(from);
                String why = node.preds.get(p);
                if (why != null) {
                    added.put(new Edge(from, node.step.id()), why);
                }
            }
            Step st = node.step;
            steps.add(new Step(st.id(), st.action(), List.copyOf(after), st.hooks(), st.minReady(), st.readyTimeout(),
                    st.note(), st.rollingGroup(), st.position(), st.hookTimeout()));
            if (node.isFailover()) {
                inserted.put(st.id(), node.reason);
                failovers++;
                waveOf.put(st.id(), depth[order[k]] + 1);
            } else {
                waveOf.put(st.id(), depth[order[k]]);
                waves = Math.max(waves, depth[order[k]]);
            }
        }
        List<String> above = new ArrayList<>();
        if (waves > bounds.waves()) {
            above.add("waves " + waves + " > lower bound " + bounds.waves() + ": " + whyAboveWaves
                    + (s.stepBarriers() == 0 ? "" : "; at " + s.stepBarriers() + (s.stepBarriers() == 1 ? " boundary" : " boundaries")
                    + " between data centres one step runs alone, so that the order takes one edge per step"
                    + " instead of one per pair of steps"));
        }
        if (failovers > bounds.failovers()) {
            for (Map.Entry<Integer, List<String>> e : new java.util.TreeMap<>(s.movedAgain()).entrySet()) {
                above.add(a.groups.get(e.getKey()).label() + " moves " + s.moves()[e.getKey()] + " times: "
                        + String.join("; ", e.getValue()));
            }
            above.addAll(spread.why);
            if (whyAboveFailovers != null) {
                above.add("failovers " + failovers + " > lower bound " + bounds.failovers() + ": " + whyAboveFailovers);
            }
        }
        lastWaveTakesTrailingFailovers(waveOf, waves);
        Plan plan = new Plan(a.plan.name(), a.plan.file(), a.plan.inventoryPath(), Order.GRAPH, List.copyOf(steps));
        return new PlanResult(plan, added, inserted, waveOf, waves, failovers, bounds, List.copyOf(above), List.of(),
                waveList(nodes, order, depth, waves));
    }

    /**
     * The predecessors in listing order: most nodes have one to three, sorted in place; a barrier's
     * thousands by their (distinct) positions, read back through {@code order}.
     */
    private static int[] byPosition(Preds preds, int[] position, int[] order) {
        int[] out = preds.toArray();
        if (out.length > 16) {
            int[] at = new int[out.length];
            for (int k = 0; k < out.length; k++) {
                at[k] = position[out[k]];
            }
            java.util.Arrays.sort(at);
            for (int k = 0; k < out.length; k++) {
                out[k] = order[at[k]];
            }
            return out;
        }
        for (int k = 1; k < out.length; k++) {
            int p = out[k];
            int j = k - 1;
            while (j >= 0 && position[out[j]] > position[p]) {
                out[j + 1] = out[j];
                j--;
            }
            out[j + 1] = p;
        }
        return out;
    }

    /**
     * A failover after the last wave (one that spreads a cluster's masters, {@link MasterSpread})
     * clears the way for no step: it is listed, and counted, in the last wave.
     */
    private static void lastWaveTakesTrailingFailovers(Map<String, Integer> waveOf, int waves) {
        if (waves > 0) {
            waveOf.replaceAll((id, wave) -> Math.min(wave, waves));
        }
    }

    /** Each wave's maintenance steps, data centres and failovers (a failover counts in the wave it clears the way for). */
    private List<PlanResult.Wave> waveList(List<Node> nodes, int[] order, int[] depth, int waves) {
        int[] steps = new int[waves + 2];
        int[] failovers = new int[waves + 2];
        int[] idle = new int[waves + 2];
        List<java.util.Set<String>> dcs = new ArrayList<>();
        // Steps share their sets of data centres: each wave adds each distinct set once.
        List<java.util.Set<java.util.Set<String>>> seen = new ArrayList<>();
        for (int k = 0; k < waves + 2; k++) {
            dcs.add(new java.util.TreeSet<>());
            seen.add(java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        }
        for (int i : order) {
            Node node = nodes.get(i);
            if (node.isFailover()) {
                failovers[Math.min(waves, depth[i] + 1)]++;
            } else {
                steps[depth[i]]++;
                java.util.Set<String> down = a.dcsDown(a.work.get(node.work));
                if (down.isEmpty()) {
                    idle[depth[i]]++;
                }
                if (seen.get(depth[i]).add(down)) {
                    dcs.get(depth[i]).addAll(down);
                }
            }
        }
        List<PlanResult.Wave> out = new ArrayList<>();
        for (int k = 1; k <= waves; k++) {
            out.add(new PlanResult.Wave(k, steps[k], List.copyOf(dcs.get(k)), failovers[k], idle[k]));
        }
        return out;
    }

    /**
     * Each node's successors (the inverse of its {@code preds}), in node order; fills {@code indegree}
     * with each node's count of preds.
     */
    static int[][] successors(List<Node> nodes, int[] indegree) {
        int n = nodes.size();
        int[] outdegree = new int[n];
        for (int i = 0; i < n; i++) {
            Preds preds = nodes.get(i).preds;
            for (int k = 0; k < preds.size(); k++) {
                outdegree[preds.at(k)]++;
            }
        }
        int[][] succ = new int[n][];
        for (int i = 0; i < n; i++) {
            succ[i] = outdegree[i] == 0 ? NO_SUCCESSORS : new int[outdegree[i]];
        }
        int[] filled = new int[n];
        for (int i = 0; i < n; i++) {
            Preds preds = nodes.get(i).preds;
            for (int k = 0; k < preds.size(); k++) {
                int p = preds.at(k);
                succ[p][filled[p]++] = i;
                indegree[i]++;
            }
        }
        return succ;
    }
}
