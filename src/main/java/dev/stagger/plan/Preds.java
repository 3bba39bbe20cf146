package dev.stagger.plan;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's predecessors, each with why the planner added the edge (null when the user wrote it), in
 * the order they were added: an insertion-ordered map from node index to reason on two arrays, read
 * by position ({@link #at}, {@link #reason}). A 50,000-step plan had a map, its table, an entry and a
 * boxed index per edge, and an iterator for each of the millions of walks over them.
 */
final class Preds {
    private static final int[] NO_NODES = new int[0];
    private static final String[] NO_REASONS = new String[0];
    /** From this many predecessors on (a barrier after a whole data centre), lookups use an index. */
    private static final int INDEXED = 16;

    private int[] nodes = NO_NODES;
    private String[] reasons = NO_REASONS;
    private int size;
    /** Node to position, kept while there are {@link #INDEXED} or more; null otherwise or until needed. */
    private Map<Integer, Integer> index;

    int size() {
        return size;
    }

    /** The {@code k}-th predecessor, in the order added. */
    int at(int k) {
        return nodes[k];
    }

    /** Why the {@code k}-th predecessor was added; null for a written edge. */
    String reason(int k) {
        return reasons[k];
    }

    boolean contains(int node) {
        return position(node) >= 0;
    }

    /** Why the edge from {@code node} was added; null when there is none or the user wrote it. */
    String get(int node) {
        int k = position(node);
        return k < 0 ? null : reasons[k];
    }

    /** Adds or replaces the edge from {@code node}; a replaced one keeps its place. */
    void put(int node, String why) {
        int k = position(node);
        if (k >= 0) {
            reasons[k] = why;
            return;
        }
        if (size == nodes.length) {
            int grown = Math.max(4, 2 * size);
            nodes = Arrays.copyOf(nodes, grown);
            reasons = Arrays.copyOf(reasons, grown);
        }
        nodes[size] = node;
        reasons[size] = why;
        if (index != null) {
            index.put(node, size);
        }
        size++;
    }

    /** Removes the edge from {@code node}, the others keeping their order. */
    void remove(int node) {
        int k = position(node);
        if (k < 0) {
            return;
        }
        System.arraycopy(nodes, k + 1, nodes, k, size - k - 1);
        System.arraycopy(reasons, k + 1, reasons, k, size - k - 1);
        size--;
        reasons[size] = null;
        index = null;
    }

    /** The predecessors, in the order added. */
    int[] toArray() {
        return Arrays.copyOf(nodes, size);
    }

    private int position(int node) {
        if (size < INDEXED) {
            for (int k = 0; k < size; k++) {
                if (nodes[k] == node) {
                    return k;
                }
            }
            return -1;
        }
        if (index == null) {
            index = new HashMap<>(2 * size);
            for (int k = 0; k < size; k++) {
                index.put(nodes[k], k);
            }
        }
        Integer k = index.get(node);
        return k == null ? -1 : k;
    }
}
