package dev.stagger.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    /**
     * @param depth maintenance steps on the longest chain ending at each node (a failover's own counts 0)
     * @param topo  each node's place in a topological order ({@link #topologicalPlaces})
     */
    static void link(List<Node> nodes, int[] depth, int[] topo) {
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
        return placesAndDepths(nodes, null);
    }

    /**
     * Each node's place in a topological order that takes the lowest index first; with {@code depth}
     * (of the nodes' length) also each node's maintenance steps on the longest chain ending at it (a
     * failover's own counts 0), from the same pass over the edges.
     */
    static int[] placesAndDepths(List<Node> nodes, int[] depth) {
        int n = nodes.size();
        int[] indegree = new int[n];
        int[][] succ = ResultBuilder.successors(nodes, indegree);
        IntHeap ready = new IntHeap(n);
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
            if (depth != null) {
                // Every predecessor came first, so depth[i] holds the deepest of theirs.
                depth[i] += nodes.get(i).isFailover() ? 0 : 1;
            }
            for (int s : succ[i]) {
                if (depth != null) {
                    depth[s] = Math.max(depth[s], depth[i]);
                }
                if (--indegree[s] == 0) {
                    ready.add(s);
                }
            }
        }
        return place;
    }

    /** A min-heap of ints: the smallest first, without boxing. */
    private static final class IntHeap {
        private final int[] heap;
        private int size;

        IntHeap(int capacity) {
            heap = new int[Math.max(1, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(int v) {
            int k = size++;
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (heap[parent] <= v) {
                    break;
                }
                heap[k] = heap[parent];
                k = parent;
            }
            heap[k] = v;
        }

        int poll() {
            int top = heap[0];
            int last = heap[--size];
            int k = 0;
            int half = size >>> 1;
            while (k < half) {
                int child = 2 * k + 1;
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (last <= heap[child]) {
                    break;
                }
                heap[k] = heap[child];
                k = child;
            }
            heap[k] = last;
            return top;
        }
    }
}
