package dev.stagger.graph;

import java.util.Arrays;

/**
 * The fewest vertex-disjoint paths covering a DAG: a path cover is a matching of "u continues
 * into v" over the edges, and each matched edge saves one path, so a maximum matching
 * (Hopcroft–Karp, O(m √n), seeded greedily) gives the minimum. {@link Reachability} keeps one entry
 * per node and reached path, so fewer paths mean a smaller, faster index: on a plan of lanes with
 * random cross edges a greedy cover needed 7 times the paths the lanes give.
 */
final class PathCover {
    private static final int FREE = -1;
    private static final int UNREACHED = Integer.MAX_VALUE;

    private final int[][] successors;
    /** next[u]: the node after u on its path, or FREE; prev[v] likewise before v. */
    private final int[] next;
    private final int[] prev;
    private final int[] dist;
    private final int[] cursor;
    private final int[] stack;
    private final int[] queue;

    private PathCover(int[][] successors) {
        int n = successors.length;
        this.successors = successors;
        next = new int[n];
        prev = new int[n];
        dist = new int[n];
        cursor = new int[n];
        stack = new int[n + 1];
        queue = new int[n];
        Arrays.fill(next, FREE);
        Arrays.fill(prev, FREE);
    }

    /** next[u] for every node: its successor on its path, or -1 where a path ends. */
    static int[] of(int[][] successors) {
        PathCover c = new PathCover(successors);
        c.greedy();
        while (c.layer()) {
            Arrays.fill(c.cursor, 0);
            for (int u = 0; u < successors.length; u++) {
                if (c.next[u] == FREE) {
                    c.augment(u);
                }
            }
        }
        return c.next;
    }

    private void greedy() {
        for (int u = 0; u < successors.length; u++) {
            for (int v : successors[u]) {
                if (prev[v] == FREE) {
                    next[u] = v;
                    prev[v] = u;
                    break;
                }
            }
        }
    }

    /** Breadth-first layers from the unmatched left nodes; true when some free right node is reachable. */
    private boolean layer() {
        int head = 0;
        int tail = 0;
        for (int u = 0; u < successors.length; u++) {
            if (next[u] == FREE) {
                dist[u] = 0;
                queue[tail++] = u;
            } else {
                dist[u] = UNREACHED;
            }
        }
        boolean found = false;
        while (head < tail) {
            int u = queue[head++];
            for (int v : successors[u]) {
                int w = prev[v];
                if (w == FREE) {
                    found = true;
                } else if (dist[w] == UNREACHED) {
                    dist[w] = dist[u] + 1;
                    queue[tail++] = w;
                }
            }
        }
        return found;
    }

    /** One augmenting path along the layers from {@code root}, depth first without recursion. */
    private void augment(int root) {
        int top = 0;
        stack[0] = root;
        while (top >= 0) {
            int u = stack[top];
            if (cursor[u] == successors[u].length) {
                dist[u] = UNREACHED; // a dead end for the rest of this phase
                top--;
                continue;
            }
            int v = successors[u][cursor[u]];
            int w = prev[v];
            if (w == FREE) {
                for (int k = top; k >= 0; k--) {
                    int x = stack[k];
                    int y = successors[x][cursor[x]];
                    next[x] = y;
                    prev[y] = x;
                }
                return;
            }
            if (dist[w] == dist[u] + 1) {
                stack[++top] = w;
            } else {
                cursor[u]++;
            }
        }
    }
}
