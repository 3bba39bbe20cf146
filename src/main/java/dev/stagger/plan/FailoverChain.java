package dev.stagger.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * No two failovers of a planned plan may overlap: {@code run} never has two in progress at once
 * (stagger issue 8: concurrent failovers of one cluster, and a gate blocking on the split brain of
 * its own second failover), so the plan says so with edges. Failovers are chained earliest first:
 * by the maintenance steps each waits for, then in graph order. A failover then waits for no
 * maintenance step that the next one did not already wait for, so the chain adds no wave, and every
 * edge, written or added, leads from an earlier to a later place in that order, so it adds no cycle.
 */
final class FailoverChain {
    static final String WHY = "one failover at a time: run never starts a failover while another is in progress";

    private FailoverChain() {
    }

    /** @param depth maintenance steps on the longest chain ending at each node (a failover's own counts 0) */
    static void link(List<Node> nodes, int[] depth) {
        int[] topo = topologicalPlaces(nodes);
        List<Integer> failovers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).isFailover()) {
                failovers.add(i);
            }
        }
        failovers.sort(Comparator.<Integer>comparingInt(i -> depth[i]).thenComparingInt(i -> topo[i]));
        for (int k = 1; k < failovers.size(); k++) {
            // An edge a path already implies is dropped afterwards by EdgeReduction.
            nodes.get(failovers.get(k)).addPred(failovers.get(k - 1), WHY);
        }
    }

    /** Each node's place in a topological order that takes the lowest index first. */
    static int[] topologicalPlaces(List<Node> nodes) {
        int n = nodes.size();
        int[] indegree = new int[n];
        List<List<Integer>> succ = ResultBuilder.successors(nodes, indegree);
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        int[] place = new int[n];
        int next = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            place[i] = next++;
            for (int s : succ.get(i)) {
                if (--indegree[s] == 0) {
                    ready.add(s);
                }
            }
        }
        return place;
    }
}
