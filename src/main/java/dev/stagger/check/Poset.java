package dev.stagger.check;

import dev.stagger.graph.Reachability;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Step;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan's partial order over topological indices, answered by the graph's {@link Reachability}
 * index (no n×n closure: a 20,000-step plan would need hundreds of megabytes of it). Two virtual
 * moments extend it: {@link #BEFORE} (before the first step: where {@code state: down} hosts are
 * already down) and {@link #NEVER} (an instance that no step brings back up).
 */
final class Poset {
    static final int BEFORE = -1;
    static final int NEVER = Integer.MAX_VALUE;
    private static final int CACHED_SETS = 512;

    private final StepGraph graph;
    private final List<Step> steps;
    private final Reachability reach;
    /**
     * The sets a search asks for again and again (max-down-dcs narrows by the same spans in
     * every branch), kept for the most recent steps only: all of them would be the n×n closure.
     */
    private final Map<Integer, BitSet> ancestorSets = new Recent<>(CACHED_SETS);
    private final Map<Integer, BitSet> descendantSets = new Recent<>(CACHED_SETS);

    Poset(StepGraph graph) {
        this.graph = graph;
        this.steps = graph.steps();
        this.reach = graph.reachability();
    }

    int size() {
        return steps.size();
    }

    Step step(int i) {
        return steps.get(i);
    }

    /** The topological index of the step with this id, or -1. */
    int indexOf(String id) {
        return graph.indexOf(id);
    }

    /** The step's index in the plan as written (what "plan order" means in reports). */
    int written(int i) {
        return graph.writtenIndexOf(i);
    }

    /** True when step {@code a} is complete before step {@code b} starts; virtual moments included. */
    boolean precedes(int a, int b) {
        if (a == NEVER || b == BEFORE || a == b) {
            return false;
        }
        if (a == BEFORE || b == NEVER) {
            return true;
        }
        return reach.reaches(a, b);
    }

    boolean mayOverlap(int a, int b) {
        return a != b && !precedes(a, b) && !precedes(b, a);
    }

    /** Steps complete before {@code i} starts. Shared: do not modify. */
    BitSet ancestors(int i) {
        return ancestorSets.computeIfAbsent(i, reach::ancestors);
    }

    /** Steps that start only after {@code i} is complete. Shared: do not modify. */
    BitSet descendants(int i) {
        return descendantSets.computeIfAbsent(i, reach::descendants);
    }

    /**
     * {@link #descendants} as words (trailing zero words trimmed), built on each call: O(n/64).
     * Questions about a few spans should use {@link #reachability()} over their own steps instead.
     */
    long[] descendantWords(int i) {
        return descendants(i).toLongArray();
    }

    /** {@link #ancestors} as words (trailing zero words trimmed), built on each call: O(n/64). */
    long[] ancestorWords(int i) {
        return ancestors(i).toLongArray();
    }

    /** The order restricted to a few steps: see {@link Reachability#ancestorsWithin}. */
    Reachability reachability() {
        return reach;
    }

    /** Steps ordered against {@code i} either way (a fresh set). */
    BitSet ordered(int i) {
        BitSet b = (BitSet) ancestors(i).clone();
        b.or(descendants(i));
        return b;
    }

    /** A map that forgets its least recently used entry beyond a size. */
    private static final class Recent<K, V> extends LinkedHashMap<K, V> {
        private static final long serialVersionUID = 1L;
        private final int size;

        Recent(int size) {
            super(16, 0.75f, true);
            this.size = size;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > size;
        }
    }
}
