package dev.stagger.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The heaviest set of {@link DownSpan}s that can all be down at one moment: a maximum-weight
 * antichain of the span order, found exactly by Dilworth's theorem.
 *
 * <p>A span of weight w becomes w unordered copies, so the weighted question becomes the plain one:
 * the largest antichain equals the fewest chains covering the copies, which is the number of copies
 * minus a maximum matching of the bipartite graph "x ends before y starts" (edges taken from the
 * transitive closure). Cheap certificate first: a greedy chain cover with at most {@code allowed}
 * chains proves that no antichain is heavier, which settles every planner-written plan without
 * matching. Otherwise augmenting paths improve the greedy matching until it is maximum or the
 * chain count drops to {@code allowed}; a still-too-heavy result yields its witness through
 * König's theorem.
 */
final class MaxAntichain {
    private final Poset poset;
    private final int[] item;
    private final int[] from;
    private final int[] to;
    /**
     * Per copy: the steps that start only after its span is surely over (after any of its ends), as
     * words; null when nothing ends it. Shared with the poset for a single end: do not modify.
     */
    private final long[][] after;
    private final int vertices;
    /** For each step index: the copies whose span starts there, so same-start copies are visited together. */
    private final int[][] startingAt;
    private final long[] startSteps;
    private final int[] next;
    private final int[] prev;
    /** The explicit stack of {@link #augmentFrom}, allocated once. */
    private int[] left;
    private int[] cursor;
    private int[] step;
    private int[] index;
    private int[] via;

    /** Result: the weight of the heaviest antichain and its spans (indices into the input list). */
    record Result(int weight, List<Integer> items) {
    }

    private MaxAntichain(List<DownSpan> spans, int[] weights, Poset poset) {
        this.poset = poset;
        int v = 0;
        for (int w : weights) {
            v += w;
        }
        vertices = v;
        Integer[] order = new Integer[v];
        int[] itemOf = new int[v];
        int k = 0;
        for (int i = 0; i < spans.size(); i++) {
            for (int c = 0; c < weights[i]; c++) {
                itemOf[k] = i;
                order[k] = k;
                k++;
            }
        }
        // A linear extension of the span order: x < y implies x starts before y does.
        Arrays.sort(order, (a, b) -> {
            DownSpan x = spans.get(itemOf[a]);
            DownSpan y = spans.get(itemOf[b]);
            int c = Integer.compare(x.from(), y.from());
            return c != 0 ? c : Integer.compare(x.to(), y.to());
        });
        item = new int[v];
        from = new int[v];
        to = new int[v];
        after = new long[v][];
        long[][] afterOfItem = new long[spans.size()][];
        for (int i = 0; i < spans.size(); i++) {
            afterOfItem[i] = afterWords(spans.get(i), poset);
        }
        for (int i = 0; i < v; i++) {
            item[i] = itemOf[order[i]];
            from[i] = spans.get(item[i]).from();
            to[i] = spans.get(item[i]).to();
            after[i] = afterOfItem[item[i]];
        }
        int n = poset.size();
        int[] count = new int[n];
        BitSet starts = new BitSet(n);
        for (int i = 0; i < v; i++) {
            if (from[i] >= 0) {
                count[from[i]]++;
                starts.set(from[i]);
            }
        }
        startingAt = new int[n][];
        for (int s = 0; s < n; s++) {
            startingAt[s] = new int[count[s]];
            count[s] = 0;
        }
        for (int i = 0; i < v; i++) {
            if (from[i] >= 0) {
                startingAt[from[i]][count[from[i]]++] = i;
            }
        }
        startSteps = Arrays.copyOf(starts.toLongArray(), (n + 63) / 64);
        next = new int[v];
        prev = new int[v];
        Arrays.fill(next, -1);
        Arrays.fill(prev, -1);
    }

    /** The heaviest antichain, exactly. */
    static Result maximum(List<DownSpan> spans, int[] weights, Poset poset) {
        return exceeding(spans, weights, poset, -1);
    }

    /**
     * The heaviest antichain if it weighs more than {@code allowed}; null when none does (proved by a
     * cover of at most {@code allowed} chains).
     */
    static Result exceeding(List<DownSpan> spans, int[] weights, Poset poset, int allowed) {
        MaxAntichain m = new MaxAntichain(spans, weights, poset);
        int chains = m.greedyChains();
        if (chains <= allowed) {
            return null;
        }
        chains = m.augment(chains, allowed);
        if (chains <= allowed) {
            return null;
        }
        return m.witness(spans.size());
    }

    /** The steps after any end of the span; null when it never ends. */
    private static long[] afterWords(DownSpan s, Poset poset) {
        List<Integer> ends = s.ends();
        if (ends.isEmpty()) {
            return null;
        }
        if (ends.size() == 1) {
            return poset.descendantWords(ends.get(0));
        }
        int length = 0;
        for (int e : ends) {
            length = Math.max(length, poset.descendantWords(e).length);
        }
        long[] out = new long[length];
        for (int e : ends) {
            long[] d = poset.descendantWords(e);
            for (int w = 0; w < d.length; w++) {
                out[w] |= d[w];
            }
        }
        return out;
    }

    /** Appends each copy (in a linear extension) to the chain whose tail ends earliest among those that end before it starts: on wave-shaped plans that keeps each lane on its own chain, so the cover is optimal without matching. */
    private int greedyChains() {
        int n = poset.size();
        long[] tailSteps = new long[(n + 63) / 64];
        int[][] tailsAt = new int[n][];
        int[] tailCount = new int[n];
        int chains = 0;
        for (int v = 0; v < vertices; v++) {
            int s = from[v] < 0 ? -1 : firstTail(poset.ancestorWords(from[v]), tailSteps);
            if (s < 0) {
                chains++;
            } else {
                int t = tailsAt[s][--tailCount[s]];
                if (tailCount[s] == 0) {
                    tailSteps[s >>> 6] &= ~(1L << s);
                }
                next[t] = v;
                prev[v] = t;
            }
            int e = to[v];
            if (e != Poset.NEVER) {
                if (tailsAt[e] == null) {
                    tailsAt[e] = new int[4];
                } else if (tailCount[e] == tailsAt[e].length) {
                    tailsAt[e] = Arrays.copyOf(tailsAt[e], 2 * tailCount[e]);
                }
                tailsAt[e][tailCount[e]++] = v;
                tailSteps[e >>> 6] |= 1L << e;
            }
        }
        return chains;
    }

    /** The earliest step that both precedes the copy's start and ends some chain, or -1. */
    private static int firstTail(long[] ancestors, long[] tailSteps) {
        for (int w = 0; w < ancestors.length; w++) {
            long bits = ancestors[w] & tailSteps[w];
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return -1;
    }

    /**
     * Kuhn's augmenting paths in phases (one visited set per phase, reset after a phase that
     * augmented), iterative so that a 10,000-step plan cannot overflow the stack.
     */
    private int augment(int chains, int allowed) {
        boolean augmented = true;
        while (augmented && chains > allowed) {
            augmented = false;
            long[] unvisited = startSteps.clone();
            for (int u = 0; u < vertices && chains > allowed; u++) {
                if (next[u] < 0 && after[u] != null && augmentFrom(u, unvisited)) {
                    chains--;
                    augmented = true;
                }
            }
        }
        return chains;
    }

    private boolean augmentFrom(int root, long[] unvisited) {
        if (left == null) {
            int cap = vertices + 1;
            left = new int[cap];
            cursor = new int[cap];
            step = new int[cap];
            index = new int[cap];
            via = new int[cap];
        }
        int depth = 0;
        left[0] = root;
        cursor[0] = 0;
        step[0] = -1;
        while (depth >= 0) {
            int u = left[depth];
            if (step[depth] >= 0 && index[depth] < startingAt[step[depth]].length) {
                int v = startingAt[step[depth]][index[depth]++];
                if (prev[v] >= 0 && after[prev[v]] != null) {
                    via[depth] = v;
                    depth++;
                    left[depth] = prev[v];
                    cursor[depth] = 0;
                    step[depth] = -1;
                }
                continue;
            }
            int s = nextCandidate(after[u], cursor[depth], unvisited);
            if (s < 0) {
                depth--;
                continue;
            }
            cursor[depth] = s + 1;
            unvisited[s >>> 6] &= ~(1L << s);
            for (int v : startingAt[s]) {
                if (prev[v] < 0) {
                    via[depth] = v;
                    flip(depth);
                    return true;
                }
            }
            step[depth] = s;
            index[depth] = 0;
        }
        return false;
    }

    /** Re-links the chain links along the alternating path ending at a free copy. */
    private void flip(int depth) {
        for (int d = depth; d >= 0; d--) {
            int u = left[d];
            int v = via[d];
            next[u] = v;
            prev[v] = u;
        }
    }

    /** The next unvisited step at or after {@code fromStep} where some copy starts, among the steps {@code d}. */
    private static int nextCandidate(long[] d, int fromStep, long[] unvisited) {
        for (int w = fromStep >>> 6; w < d.length; w++) {
            long bits = d[w] & unvisited[w];
            if (w == fromStep >>> 6) {
                bits &= -1L << (fromStep & 63);
            }
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return -1;
    }

    /** König: copies reachable by alternating paths from unmatched left copies, minus those reached on the right. */
    private Result witness(int items) {
        boolean[] leftReached = new boolean[vertices];
        boolean[] rightReached = new boolean[vertices];
        long[] unvisited = startSteps.clone();
        int[] queue = new int[vertices];
        int head = 0;
        int tail = 0;
        for (int u = 0; u < vertices; u++) {
            if (next[u] < 0) {
                leftReached[u] = true;
                queue[tail++] = u;
            }
        }
        while (head < tail) {
            int u = queue[head++];
            if (after[u] == null) {
                continue;
            }
            for (int s = nextCandidate(after[u], 0, unvisited); s >= 0; s = nextCandidate(after[u], s + 1, unvisited)) {
                unvisited[s >>> 6] &= ~(1L << s);
                for (int v : startingAt[s]) {
                    rightReached[v] = true;
                    int w = prev[v];
                    if (w >= 0 && !leftReached[w]) {
                        leftReached[w] = true;
                        queue[tail++] = w;
                    }
                }
            }
        }
        int[] copies = new int[items];
        for (int v = 0; v < vertices; v++) {
            if (leftReached[v] && !rightReached[v]) {
                copies[item[v]]++;
            }
        }
        List<Integer> chosen = new ArrayList<>();
        int weight = 0;
        for (int i = 0; i < items; i++) {
            if (copies[i] > 0) {
                chosen.add(i);
                weight += copies[i];
            }
        }
        return new Result(weight, chosen);
    }
}
