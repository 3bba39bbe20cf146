package dev.stagger.check;

import dev.stagger.graph.Reachability;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Step;
import java.util.BitSet;
import java.util.HashMap;
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

    private final List<Step> steps;
    private final int[] written;
    private final Reachability reach;

    Poset(StepGraph graph) {
        this.steps = graph.steps();
        this.reach = graph.reachability();
        int n = steps.size();
        Map<String, Integer> writtenIndex = new HashMap<>();
        List<Step> plan = graph.plan().steps();
        for (int i = 0; i < plan.size(); i++) {
            writtenIndex.put(plan.get(i).id(), i);
        }
        written = new int[n];
        for (int i = 0; i < n; i++) {
            written[i] = writtenIndex.getOrDefault(steps.get(i).id(), i);
        }
    }

    int size() {
        return steps.size();
    }

    Step step(int i) {
        return steps.get(i);
    }

    /** The step's index in the plan as written (what "plan order" means in reports). */
    int written(int i) {
        return written[i];
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

    /** Steps complete before {@code i} starts (a fresh set). */
    BitSet ancestors(int i) {
        return reach.ancestors(i);
    }

    /** Steps that start only after {@code i} is complete (a fresh set). */
    BitSet descendants(int i) {
        return reach.descendants(i);
    }

    /**
     * {@link #descendants} as words (trailing zero words trimmed), built on each call: O(n/64).
     * Questions about a few spans should use {@link #reachability()} over their own steps instead.
     */
    long[] descendantWords(int i) {
        return reach.descendants(i).toLongArray();
    }

    /** {@link #ancestors} as words (trailing zero words trimmed), built on each call: O(n/64). */
    long[] ancestorWords(int i) {
        return reach.ancestors(i).toLongArray();
    }

    /** The order restricted to a few steps: see {@link Reachability#ancestorsWithin}. */
    Reachability reachability() {
        return reach;
    }

    /** Steps ordered against {@code i} either way (a fresh set). */
    BitSet ordered(int i) {
        BitSet b = ancestors(i);
        b.or(descendants(i));
        return b;
    }
}
