package dev.stagger.check;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Order;
import dev.stagger.model.Step;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan's partial order as bit sets over topological indices, so that "does a precede b?" and
 * "which steps may overlap x?" cost a bit lookup or a word-wise AND. Two virtual moments extend it:
 * {@link #BEFORE} (before the first step: where {@code state: down} hosts are already down) and
 * {@link #NEVER} (an instance that no step brings back up).
 */
final class Poset {
    static final int BEFORE = -1;
    static final int NEVER = Integer.MAX_VALUE;

    private final List<Step> steps;
    private final int[] written;
    private final BitSet[] ancestors;
    private final BitSet[] descendants;
    /** The same sets as words, for scans that AND them with another set without copying. */
    private final long[][] descendantWords;
    private final long[][] ancestorWords;

    Poset(StepGraph graph) {
        this.steps = graph.steps();
        int n = steps.size();
        Map<String, Integer> writtenIndex = new HashMap<>();
        List<Step> plan = graph.plan().steps();
        for (int i = 0; i < plan.size(); i++) {
            writtenIndex.put(plan.get(i).id(), i);
        }
        written = new int[n];
        ancestors = new BitSet[n];
        descendants = new BitSet[n];
        // Predecessors straight from the plan (sequence order plus `after`), cheaper than asking
        // the JGraphT graph edge by edge on a 10,000-step plan.
        Map<String, Integer> topoIndex = new HashMap<>();
        for (int i = 0; i < n; i++) {
            topoIndex.put(steps.get(i).id(), i);
        }
        List<List<Integer>> successors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            successors.add(new ArrayList<>());
        }
        Step previous = null;
        for (Step s : plan) {
            int i = topoIndex.get(s.id());
            if (graph.plan().order() == Order.SEQUENCE && previous != null) {
                successors.get(topoIndex.get(previous.id())).add(i);
            }
            for (String a : s.after()) {
                Integer j = topoIndex.get(a);
                if (j != null) {
                    successors.get(j).add(i);
                }
            }
            previous = s;
        }
        for (int i = 0; i < n; i++) {
            written[i] = writtenIndex.getOrDefault(steps.get(i).id(), i);
            ancestors[i] = new BitSet(n);
        }
        for (int i = 0; i < n; i++) {
            for (int j : successors.get(i)) {
                ancestors[j].set(i);
                ancestors[j].or(ancestors[i]);
            }
        }
        // Reverse topological order: a step's descendants are its successors and theirs.
        for (int i = n - 1; i >= 0; i--) {
            BitSet d = new BitSet(n);
            for (int j : successors.get(i)) {
                d.set(j);
                d.or(descendants[j]);
            }
            descendants[i] = d;
        }
        descendantWords = new long[n][];
        ancestorWords = new long[n][];
        for (int i = 0; i < n; i++) {
            descendantWords[i] = descendants[i].toLongArray();
            ancestorWords[i] = ancestors[i].toLongArray();
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
        return ancestors[b].get(a);
    }

    boolean mayOverlap(int a, int b) {
        return a != b && !precedes(a, b) && !precedes(b, a);
    }

    /** Steps complete before {@code i} starts. Shared: do not modify. */
    BitSet ancestors(int i) {
        return ancestors[i];
    }

    /** Steps that start only after {@code i} is complete. Shared: do not modify. */
    BitSet descendants(int i) {
        return descendants[i];
    }

    /** {@link #descendants} as words (trailing zero words trimmed). Shared: do not modify. */
    long[] descendantWords(int i) {
        return descendantWords[i];
    }

    /** {@link #ancestors} as words (trailing zero words trimmed). Shared: do not modify. */
    long[] ancestorWords(int i) {
        return ancestorWords[i];
    }

    /** Steps ordered against {@code i} either way (a fresh set). */
    BitSet ordered(int i) {
        BitSet b = (BitSet) ancestors[i].clone();
        b.or(descendants[i]);
        return b;
    }
}
