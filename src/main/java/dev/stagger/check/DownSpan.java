package dev.stagger.check;

import dev.stagger.model.Instance;
import java.util.List;
import java.util.Set;

/**
 * Instances down from the moment step {@code from} starts until step {@code to} is complete: a
 * {@code maintain} is a span of one step; a {@code stop} lasts until a {@code start} that follows
 * it brings the instances back; a {@code state: down} host starts at {@link Poset#BEFORE}; a span
 * nothing ends lasts until {@link Poset#NEVER}.
 *
 * <p>When several unordered starts follow a stop, whichever completes first brings the instances
 * back, and which one that is depends on the execution: {@code to} is the first of them in
 * topological order and {@code alsoEnds} the others. The span is over for a step as soon as any of
 * them precedes it, and not before: every ordering the plan allows is covered, none under-counted.
 *
 * <p>Two spans can be down together exactly when neither ends before the other begins: spans form
 * a partial order ({@code x < y} iff an end of x precedes y's start), and any set of pairwise
 * compatible spans is down at one moment of some execution, so the worst case is a maximum
 * antichain of that order.
 */
record DownSpan(int from, int to, Set<Instance> instances, List<Integer> alsoEnds) {

    DownSpan(int from, int to, Set<Instance> instances) {
        this(from, to, instances, List.of());
    }

    /** Every step whose completion ends the span ({@code to} first); empty when nothing does. */
    List<Integer> ends() {
        if (to == Poset.NEVER) {
            return List.of();
        }
        if (alsoEnds.isEmpty()) {
            return List.of(to);
        }
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>(alsoEnds.size() + 1);
        out.add(to);
        out.addAll(alsoEnds);
        return out;
    }

    boolean isPermanent() {
        return from == Poset.BEFORE && to == Poset.NEVER;
    }

    boolean isInitial() {
        return from == Poset.BEFORE;
    }

    /** The instances are surely back up before step {@code step} starts: some end of the span precedes it. */
    boolean endsBefore(int step, Poset p) {
        if (p.precedes(to, step)) {
            return true;
        }
        for (int e : alsoEnds) {
            if (p.precedes(e, step)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every end of the span is {@code step} itself or comes after it: the instances cannot come back
     * before {@code step} is complete.
     */
    boolean endsWithOrAfter(int step, Poset p) {
        if (to == Poset.NEVER) {
            return true;
        }
        if (to != step && !p.precedes(step, to)) {
            return false;
        }
        for (int e : alsoEnds) {
            if (e != step && !p.precedes(step, e)) {
                return false;
            }
        }
        return true;
    }

    /** Both can be down at one moment. */
    boolean compatible(DownSpan o, Poset p) {
        return !endsBefore(o.from, p) && !o.endsBefore(from, p);
    }

    /** Down at some moment while step {@code i} is in progress. */
    boolean compatibleWithStep(int i, Poset p) {
        return !endsBefore(i, p) && !p.precedes(i, from);
    }

    /** Strictly before {@code o}: always back up before {@code o} begins. */
    boolean before(DownSpan o, Poset p) {
        return endsBefore(o.from, p);
    }
}
