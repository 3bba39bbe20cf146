package dev.stagger.graph;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Exact reachability in a DAG in memory linear in its size: a few numbers per node, no closure.
 *
 * <p>The nodes are topological indices (every edge goes from a lower to a higher index). Three
 * labels settle almost every question in constant time:
 * <ul>
 *   <li><b>levels</b> (the longest path from a source): a path raises the level, so a node never
 *       reaches one at its own level or below;</li>
 *   <li><b>interval labels</b> of two depth-first traversals (GRAIL): a node's interval spans the
 *       finishing numbers of everything it reaches, so a node whose interval does not contain the
 *       target's surely does not reach it;</li>
 *   <li>the <b>spanning tree</b> of the first traversal: a descendant in that tree is surely
 *       reached.</li>
 * </ul>
 * What is left is a depth-first search from the source that enters only nodes the labels cannot
 * rule out, and stops at the first node whose tree holds the target.
 *
 * <p>Why not an index of every reachable pair: the planner's plans have a long backbone (one
 * failover at a time) that most steps hang from, so every early step reaches tens of thousands of
 * others. A chain-cover index (each node's first reached position on every chain of a minimum path
 * cover) held 2.2 GB for a plan of 100,000 hosts, and answering "which chains reach this step" cost
 * as much again in time; these labels take about 30 bytes per node.
 */
public final class Reachability {
    private final int[][] predecessors;
    private final int[][] successors;
    private final int[] level;
    /** The first traversal's tree: pre- and post-order numbers. */
    private final int[] pre;
    private final int[] post;
    /** GRAIL intervals [low, post] of the first traversal and of a second one (children in reverse). */
    private final int[] low;
    private final int[] post2;
    private final int[] low2;
    /** The fallback search's state, reused across questions (it is O(n) to allocate). */
    private final int[] visitedIn;
    private final int[] stack;
    private int search;

    /**
     * @param predecessors direct predecessors per node, each lower than the node
     * @param successors   direct successors per node, each higher than the node (ascending)
     */
    public Reachability(int[][] predecessors, int[][] successors) {
        int n = predecessors.length;
        this.predecessors = predecessors;
        this.successors = successors;
        level = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p : predecessors[i]) {
                level[i] = Math.max(level[i], level[p] + 1);
            }
        }
        pre = new int[n];
        post = new int[n];
        post2 = new int[n];
        traverse(false, pre, post);
        traverse(true, new int[n], post2);
        low = lows(post);
        low2 = lows(post2);
        visitedIn = new int[n];
        stack = new int[Math.max(1, n)];
    }

    /**
     * Numbers the nodes by a depth-first traversal from every source: ascending sources and children
     * (so a chain of edges is one tree path), or both descending for a second, different view.
     */
    private void traverse(boolean reversed, int[] preOrder, int[] postOrder) {
        int n = successors.length;
        int[] cursor = new int[n];
        boolean[] seen = new boolean[n];
        int[] path = new int[Math.max(1, n)];
        int preCount = 0;
        int postCount = 0;
        for (int r = 0; r < n; r++) {
            int root = reversed ? n - 1 - r : r;
            if (seen[root] || predecessors[root].length > 0) {
                continue;
            }
            int top = 0;
            path[0] = root;
            seen[root] = true;
            preOrder[root] = preCount++;
            while (top >= 0) {
                int u = path[top];
                int[] s = successors[u];
                if (cursor[u] == s.length) {
                    postOrder[u] = postCount++;
                    top--;
                    continue;
                }
                int v = s[reversed ? s.length - 1 - cursor[u] : cursor[u]];
                cursor[u]++;
                if (!seen[v]) {
                    seen[v] = true;
                    preOrder[v] = preCount++;
                    path[++top] = v;
                }
            }
        }
    }

    /** The least finishing number among each node and everything it reaches. */
    private int[] lows(int[] postOrder) {
        int n = postOrder.length;
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            int m = postOrder[i];
            for (int s : successors[i]) {
                m = Math.min(m, out[s]);
            }
            out[i] = m;
        }
        return out;
    }

    public int size() {
        return level.length;
    }

    /** True when there is a path from {@code a} to {@code b} (false for a == b). */
    public boolean reaches(int a, int b) {
        if (ruledOut(a, b)) {
            return false;
        }
        if (inTree(a, b)) {
            return true;
        }
        return search(a, b);
    }

    /** The labels prove that {@code a} does not reach {@code b}. */
    private boolean ruledOut(int a, int b) {
        return a >= b || level[a] >= level[b]
                || low[b] < low[a] || post[b] > post[a]
                || low2[b] < low2[a] || post2[b] > post2[a];
    }

    /** {@code b} lies below {@code a} in the first traversal's tree: a path of tree edges. */
    private boolean inTree(int a, int b) {
        return pre[a] <= pre[b] && post[b] <= post[a];
    }

    private synchronized boolean search(int a, int b) {
        if (++search == 0) {
            Arrays.fill(visitedIn, 0);
            search = 1;
        }
        int top = 0;
        stack[0] = a;
        visitedIn[a] = search;
        while (top >= 0) {
            int u = stack[top--];
            for (int v : successors[u]) {
                if (v > b) {
                    break; // ascending: every later one is past the target too
                }
                if (v == b || inTree(v, b)) {
                    return true;
                }
                if (visitedIn[v] != search && !ruledOut(v, b)) {
                    visitedIn[v] = search;
                    stack[++top] = v;
                }
            }
        }
        return false;
    }

    /** The nodes with a path to {@code b}: a fresh set. */
    public BitSet ancestors(int b) {
        return walk(b, predecessors);
    }

    /** The nodes {@code a} has a path to: a fresh set. */
    public BitSet descendants(int a) {
        return walk(a, successors);
    }

    private BitSet walk(int from, int[][] edges) {
        BitSet out = new BitSet(size());
        int[] todo = new int[16];
        int top = 0;
        todo[0] = from;
        while (top >= 0) {
            int u = todo[top--];
            for (int v : edges[u]) {
                if (!out.get(v)) {
                    out.set(v);
                    if (top + 1 == todo.length) {
                        todo = Arrays.copyOf(todo, 2 * todo.length);
                    }
                    todo[++top] = v;
                }
            }
        }
        return out;
    }

    /**
     * The nodes of {@code nodes} (sorted, distinct) with a path to {@code nodes[x]}, as bits over
     * positions in {@code nodes} (trailing zero words trimmed): the order restricted to a few nodes
     * of interest.
     */
    public long[][] ancestorsWithin(int[] nodes) {
        return within(nodes, true);
    }

    /** As {@link #ancestorsWithin}, for the nodes that {@code nodes[x]} has a path to. */
    public long[][] descendantsWithin(int[] nodes) {
        return within(nodes, false);
    }

    private long[][] within(int[] nodes, boolean up) {
        int m = nodes.length;
        long[][] bits = new long[m][(m + 63) / 64];
        for (int y = 1; y < m; y++) {
            for (int x = 0; x < y; x++) {
                if (reaches(nodes[x], nodes[y])) {
                    if (up) {
                        bits[y][x >>> 6] |= 1L << x;
                    } else {
                        bits[x][y >>> 6] |= 1L << y;
                    }
                }
            }
        }
        long[][] out = new long[m][];
        for (int x = 0; x < m; x++) {
            int w = bits[x].length;
            while (w > 0 && bits[x][w - 1] == 0) {
                w--;
            }
            out[x] = w == bits[x].length ? bits[x] : Arrays.copyOf(bits[x], w);
        }
        return out;
    }
}
