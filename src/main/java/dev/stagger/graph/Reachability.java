package dev.stagger.graph;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Exact reachability in a DAG without the n×n transitive closure.
 *
 * <p>The nodes (topological indices: every edge goes from a lower to a higher index) are covered
 * greedily by chains that follow edges, so along a chain each node reaches the next. For every
 * node and every chain it can reach, the index keeps the first position it reaches there
 * (descendants) and, for every chain that reaches it, the last position that does (ancestors).
 * Because a chain is a path, reaching position p of a chain means reaching every later position
 * of it too; so "a precedes b" is one binary search over a's reached chains, and a node's
 * descendants or ancestors are a few chain segments.
 *
 * <p>Memory is the number of (node, reached chain) pairs: n for a plan in sequence order (one
 * chain), a few per node for the wide, shallow plans the planner writes, and never more than the
 * closure it replaces (n×n bits on a 20,000-step plan were hundreds of megabytes).
 */
public final class Reachability {
    private final int[] chainOf;
    private final int[] positionOf;
    /** chains[c]: the nodes of chain c in order (increasing topological index). */
    private final int[][] chains;
    /** downChains[i] (sorted) and downFirst[i]: the first position node i reaches in each chain it reaches. */
    private final int[][] downChains;
    private final int[][] downFirst;
    /** upChains[i] (sorted) and upLast[i]: the last position in each chain that reaches node i. */
    private final int[][] upChains;
    private final int[][] upLast;

    /**
     * @param predecessors direct predecessors per node, each lower than the node
     * @param successors   direct successors per node, each higher than the node
     */
    public Reachability(int[][] predecessors, int[][] successors) {
        int n = predecessors.length;
        chainOf = new int[n];
        positionOf = new int[n];
        // Chains are the paths of a minimum path cover: along a path each node reaches the next.
        int[] next = PathCover.of(successors);
        boolean[] continued = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (next[i] >= 0) {
                continued[next[i]] = true;
            }
        }
        int[] length = new int[Math.max(1, n)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!continued[i]) {
                for (int v = i; v >= 0; v = next[v]) {
                    chainOf[v] = count;
                    positionOf[v] = length[count]++;
                }
                count++;
            }
        }
        chains = new int[count][];
        for (int c = 0; c < count; c++) {
            chains[c] = new int[length[c]];
        }
        for (int i = 0; i < n; i++) {
            chains[chainOf[i]][positionOf[i]] = i;
        }
        downChains = new int[n][];
        downFirst = new int[n][];
        upChains = new int[n][];
        upLast = new int[n][];
        Merger merger = new Merger(count);
        for (int i = n - 1; i >= 0; i--) {
            for (int s : successors[i]) {
                merger.offer(chainOf[s], positionOf[s], true);
                merger.offerAll(downChains[s], downFirst[s], true);
            }
            downChains[i] = merger.chains();
            downFirst[i] = merger.positions(downChains[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int p : predecessors[i]) {
                merger.offer(chainOf[p], positionOf[p], false);
                merger.offerAll(upChains[p], upLast[p], false);
            }
            upChains[i] = merger.chains();
            upLast[i] = merger.positions(upChains[i]);
        }
    }

    /** Collects, per chain, the least (descendants) or greatest (ancestors) position offered. */
    private static final class Merger {
        private final int[] best;
        private final int[] touched;
        private int size;

        Merger(int chains) {
            best = new int[chains];
            Arrays.fill(best, -1);
            touched = new int[Math.max(1, chains)];
        }

        void offer(int chain, int position, boolean least) {
            int b = best[chain];
            if (b < 0) {
                touched[size++] = chain;
                best[chain] = position;
            } else if (least ? position < b : position > b) {
                best[chain] = position;
            }
        }

        void offerAll(int[] chains, int[] positions, boolean least) {
            for (int k = 0; k < chains.length; k++) {
                offer(chains[k], positions[k], least);
            }
        }

        int[] chains() {
            int[] out = Arrays.copyOf(touched, size);
            Arrays.sort(out);
            return out;
        }

        /** The positions of {@code chains} (from {@link #chains()}); resets for the next node. */
        int[] positions(int[] chains) {
            int[] out = new int[chains.length];
            for (int k = 0; k < chains.length; k++) {
                out[k] = best[chains[k]];
                best[chains[k]] = -1;
            }
            size = 0;
            return out;
        }
    }

    public int size() {
        return chainOf.length;
    }

    /** The chain of the cover that node {@code i} lies on. */
    public int chainOf(int i) {
        return chainOf[i];
    }

    /** Node {@code i}'s position on its chain: along a chain, positions follow the order. */
    public int positionOf(int i) {
        return positionOf[i];
    }

    /** The node at {@code position} of {@code chain}. */
    public int node(int chain, int position) {
        return chains[chain][position];
    }

    /**
     * The chains with a node that has a path to {@code b}, ascending; with {@link #lastReaching}
     * they are b's ancestors: each chain up to its position there. Shared: do not modify.
     */
    public int[] chainsReaching(int b) {
        return upChains[b];
    }

    /** For each of {@link #chainsReaching}{@code (b)}: the last position that has a path to b. Shared: do not modify. */
    public int[] lastReaching(int b) {
        return upLast[b];
    }

    /** True when there is a path from {@code a} to {@code b} (false for a == b). */
    public boolean reaches(int a, int b) {
        if (a >= b) {
            return false; // topological indices: every path goes up
        }
        int c = chainOf[b];
        if (chainOf[a] == c) {
            return positionOf[a] < positionOf[b];
        }
        int k = Arrays.binarySearch(downChains[a], c);
        return k >= 0 && downFirst[a][k] <= positionOf[b];
    }

    /** The nodes with a path to {@code b}: a fresh set. */
    public BitSet ancestors(int b) {
        BitSet out = new BitSet(b);
        for (int k = 0; k < upChains[b].length; k++) {
            int[] chain = chains[upChains[b][k]];
            for (int p = 0; p <= upLast[b][k]; p++) {
                out.set(chain[p]);
            }
        }
        return out;
    }

    /** The nodes {@code a} has a path to: a fresh set. */
    public BitSet descendants(int a) {
        BitSet out = new BitSet(size());
        for (int k = 0; k < downChains[a].length; k++) {
            int[] chain = chains[downChains[a][k]];
            for (int p = downFirst[a][k]; p < chain.length; p++) {
                out.set(chain[p]);
            }
        }
        return out;
    }

    /**
     * The nodes of {@code nodes} (sorted, distinct) with a path to {@code nodes[b]}, as bits over
     * positions in {@code nodes}: the closure restricted to a few nodes of interest, built from the
     * chain segments without touching the rest of the graph.
     */
    public long[][] ancestorsWithin(int[] nodes) {
        return within(nodes, true);
    }

    /** As {@link #ancestorsWithin}, for the nodes that {@code nodes[a]} has a path to. */
    public long[][] descendantsWithin(int[] nodes) {
        return within(nodes, false);
    }

    private long[][] within(int[] nodes, boolean up) {
        // The nodes of interest grouped by chain, in chain order.
        int m = nodes.length;
        Integer[] byChain = new Integer[m];
        for (int k = 0; k < m; k++) {
            byChain[k] = k;
        }
        Arrays.sort(byChain, (x, y) -> chainOf[nodes[x]] != chainOf[nodes[y]]
                ? Integer.compare(chainOf[nodes[x]], chainOf[nodes[y]])
                : Integer.compare(positionOf[nodes[x]], positionOf[nodes[y]]));
        int[] local = new int[m];
        int[] localPos = new int[m];
        for (int k = 0; k < m; k++) {
            local[k] = byChain[k];
            localPos[k] = positionOf[nodes[byChain[k]]];
        }
        Map<Integer, int[]> range = new HashMap<>();
        for (int k = 0; k < m; ) {
            int c = chainOf[nodes[local[k]]];
            int e = k;
            while (e < m && chainOf[nodes[local[e]]] == c) {
                e++;
            }
            range.put(c, new int[] {k, e});
            k = e;
        }
        long[][] out = new long[m][];
        long[] words = new long[(m + 63) / 64];
        for (int x = 0; x < m; x++) {
            int v = nodes[x];
            int[] cs = up ? upChains[v] : downChains[v];
            int[] ps = up ? upLast[v] : downFirst[v];
            int max = -1;
            // A node's own chain is among them: its neighbours on the chain are direct ones.
            for (int k = 0; k < cs.length; k++) {
                max = mark(range.get(cs[k]), local, localPos, ps[k], up, words, max);
            }
            out[x] = Arrays.copyOf(words, max < 0 ? 0 : (max >>> 6) + 1);
            Arrays.fill(words, 0, out[x].length, 0L);
        }
        return out;
    }

    /** Sets the nodes of interest in one chain at or before (up) / at or after (down) {@code position}. */
    private static int mark(int[] range, int[] local, int[] localPos, int position, boolean up, long[] words, int max) {
        if (range == null) {
            return max;
        }
        for (int k = range[0]; k < range[1]; k++) {
            if (up ? localPos[k] <= position : localPos[k] >= position) {
                int x = local[k];
                words[x >>> 6] |= 1L << x;
                max = Math.max(max, x);
            } else if (up) {
                break;
            }
        }
        return max;
    }
}
