package dev.stagger.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

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
    /**
     * The steps where some span starts or ends, in topological order. Everything below indexes
     * steps by their position here, so the work and memory of one question scale with the spans
     * it is about, not with the whole plan (a pool of 20 in a 50,000-step plan).
     */
    private final int[] steps;
    /** Like {@link #ancestors} for the steps that start after steps[s]; built on first use. */
    private long[][] descendants;
    private final int[] item;
    private final int[] from;
    private final int[] to;
    /**
     * Per span: the steps (in {@link #steps}) that start only after it is surely over (after any of
     * its ends), as words; built on first use, by {@link #after}.
     */
    private final long[][] afterOfItem;
    /** Per span: its ends (in {@link #steps}); empty when nothing ends it. */
    private final int[][] endsOfItem;
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
        steps = spans.stream().flatMapToInt(x -> IntStream.concat(IntStream.of(x.from(), x.to()), x.alsoEnds().stream().mapToInt(Integer::intValue)))
                .filter(x -> x != Poset.BEFORE && x != Poset.NEVER).distinct().sorted().toArray();
        item = new int[v];
        from = new int[v];
        to = new int[v];
        endsOfItem = new int[spans.size()][];
        for (int i = 0; i < spans.size(); i++) {
            endsOfItem[i] = spans.get(i).ends().stream().mapToInt(this::local).toArray();
        }
        afterOfItem = new long[spans.size()][];
        for (int i = 0; i < v; i++) {
            item[i] = itemOf[order[i]];
            from[i] = local(spans.get(item[i]).from());
            to[i] = local(spans.get(item[i]).to());
        }
        int n = steps.length;
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

    /** A step's position in {@link #steps}; the virtual moments stay as they are. */
    private int local(int step) {
        return step == Poset.BEFORE || step == Poset.NEVER ? step : Arrays.binarySearch(steps, step);
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

    /** True when something ends the span of copy {@code u}. */
    private boolean ends(int u) {
        return endsOfItem[item[u]].length > 0;
    }

    /** The steps (in {@link #steps}) that start only after copy {@code u}'s span is surely over: after any of its ends. */
    private long[] after(int u) {
        int i = item[u];
        if (afterOfItem[i] == null) {
            if (descendants == null) {
                descendants = poset.reachability().descendantsWithin(steps);
            }
            int length = 0;
            for (int e : endsOfItem[i]) {
                length = Math.max(length, descendants[e].length);
            }
            long[] out = new long[length];
            for (int e : endsOfItem[i]) {
                long[] d = descendants[e];
                for (int w = 0; w < d.length; w++) {
                    out[w] |= d[w];
                }
            }
            afterOfItem[i] = out;
        }
        return afterOfItem[i];
    }

    /**
     * Appends each copy (in a linear extension) to the chain whose tail ends earliest among those
     * that end before it starts: on wave-shaped plans that keeps each lane on its own chain, so the
     * cover is optimal without matching. The tails that end before a start are its ancestors among
     * {@link #steps} that still end some chain; the earliest is the first such bit.
     */
    private int greedyChains() {
        int n = steps.length;
        long[][] before = poset.reachability().ancestorsWithin(steps);
        int[][] tailsAt = new int[n][];
        int[] tailCount = new int[n];
        long[] open = new long[(n + 63) / 64];
        int chains = 0;
        for (int v = 0; v < vertices; v++) {
            int t = from[v] < 0 ? -1 : firstOpen(before[from[v]], open);
            if (t < 0) {
                chains++;
            } else {
                int u = tailsAt[t][--tailCount[t]];
                if (tailCount[t] == 0) {
                    open[t >>> 6] &= ~(1L << t);
                }
                next[u] = v;
                prev[v] = u;
            }
            int e = to[v];
            if (e != Poset.NEVER) {
                if (tailsAt[e] == null) {
                    tailsAt[e] = new int[4];
                } else if (tailCount[e] == tailsAt[e].length) {
                    tailsAt[e] = Arrays.copyOf(tailsAt[e], 2 * tailCount[e]);
                }
                tailsAt[e][tailCount[e]++] = v;
                open[e >>> 6] |= 1L << e;
            }
        }
        return chains;
    }

    /** The first step (in {@link #steps}) in both sets, or -1. */
    private static int firstOpen(long[] before, long[] open) {
        for (int w = 0; w < before.length; w++) {
            long bits = before[w] & open[w];
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
                if (next[u] < 0 && ends(u) && augmentFrom(u, unvisited)) {
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
                if (prev[v] >= 0 && ends(prev[v])) {
                    via[depth] = v;
                    depth++;
                    left[depth] = prev[v];
                    cursor[depth] = 0;
                    step[depth] = -1;
                }
                continue;
            }
            int s = nextCandidate(after(u), cursor[depth], unvisited);
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
            if (!ends(u)) {
                continue;
            }
            for (int s = nextCandidate(after(u), 0, unvisited); s >= 0; s = nextCandidate(after(u), s + 1, unvisited)) {
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
