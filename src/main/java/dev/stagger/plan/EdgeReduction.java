package dev.stagger.plan;

import java.util.List;

/**
 * Drops the edges the planner added that a path of other edges already implies (a transitive
 * reduction of the added edges; written {@code after} edges always stay), so a reviewer reads only
 * the orderings that matter, each with its one reason.
 *
 * <p>Hand-written rather than JGraphT's {@code TransitiveReduction}, which builds an n-by-n matrix:
 * at 100k steps that is 10^10 cells. Here each added edge p -> v is tested by a search backwards
 * from v's other predecessors that never leaves the waves at or after p's (the depth of a node never
 * decreases along an edge), so an edge between adjacent waves costs a handful of visits. A search
 * (on graphs of more than {@link #EXACT_NODES} nodes) that exceeds its budget keeps the edge: an implied edge left in is harmless, only longer to read.
 */
final class EdgeReduction {
    /** Graphs up to this many nodes are reduced exactly; larger ones with a budget per edge. */
    static final int EXACT_NODES = 3000;
    /** Nodes one edge test may visit on a larger graph before it gives up and keeps the edge. */
    static final int BUDGET = 64;
    /**
     * A search on a larger graph also gives up when this many times its budget wait on its stack
     * (nodes of ordinary plans have a handful of predecessors, so this never cuts their searches short).
     */
    static final int STACK_LIMIT = 8;

    private final List<Node> nodes;
    private final int[] depth;
    private final int[] place;
    private final int[] seenIn;
    private final int budget;
    private int test;
    /** The search's stack of node indexes (a node is pushed at most once per test). */
    private int[] stack = new int[64];
    private int size;

    private EdgeReduction(List<Node> nodes, int[] depth, int[] place) {
        this.nodes = nodes;
        this.depth = depth;
        this.place = place;
        this.seenIn = new int[nodes.size()];
        this.budget = nodes.size() <= EXACT_NODES ? Integer.MAX_VALUE : BUDGET;
    }

    /**
     * Drops every implied added edge; returns how many.
     *
     * @param depth maintenance steps on the longest chain ending at each node (never decreasing along an edge)
     */
    static int apply(List<Node> nodes, int[] depth) {
        return apply(nodes, depth, FailoverChain.topologicalPlaces(nodes));
    }

    /** As {@link #apply(List, int[])}, given each node's place in a topological order ({@link FailoverChain#topologicalPlaces}). */
    static int apply(List<Node> nodes, int[] depth, int[] place) {
        EdgeReduction r = new EdgeReduction(nodes, depth, place);
        int dropped = 0;
        for (Node v : nodes) {
            if (v.preds.size() < 2) {
                continue;
            }
            for (int p : v.preds.toArray()) {
                if (v.preds.get(p) != null && r.implied(v, p)) {
                    v.preds.remove(p);
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** Whether a path from {@code p} reaches {@code v} through another of v's predecessors. */
    private boolean implied(Node v, int p) {
        if (v.preds.size() - 1 > budget) {
            // Its other predecessors alone exceed the budget (a max_down_dcs barrier waits for a whole data centre).
            return false;
        }
        test++;
        size = 0;
        for (int k = 0; k < v.preds.size(); k++) {
            int q = v.preds.at(k);
            if (q != p) {
                visit(q, p);
            }
        }
        int visited = 0;
        while (size > 0) {
            int x = stack[--size];
            if (x == p) {
                return true;
            }
            if (++visited > budget) {
                return false;
            }
            Node from = nodes.get(x);
            if (size + from.preds.size() > (long) STACK_LIMIT * budget) {
                // A node waiting for a whole data centre (a max_down_dcs barrier): too wide to search.
                return false;
            }
            Preds preds = from.preds;
            for (int k = 0; k < preds.size(); k++) {
                visit(preds.at(k), p);
            }
        }
        return false;
    }

    /** Only a node after p in topological order and in p's wave or later can lie on a path from p. */
    private void visit(int y, int p) {
        if (seenIn[y] != test && (y == p || (place[y] > place[p] && depth[y] >= depth[p]))) {
            seenIn[y] = test;
            if (size == stack.length) {
                stack = java.util.Arrays.copyOf(stack, 2 * size);
            }
            stack[size++] = y;
        }
    }
}
