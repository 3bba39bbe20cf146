package dev.stagger.check;

import dev.stagger.model.Instance;
import java.util.Set;

/**
 * Instances down from the moment step {@code from} starts until step {@code to} is complete: a
 * {@code maintain} is a span of one step; a {@code stop} lasts until the {@code start} that follows
 * it; a {@code state: down} host starts at {@link Poset#BEFORE}; a span nothing ends lasts until
 * {@link Poset#NEVER}.
 *
 * <p>Two spans can be down together exactly when neither ends before the other begins: spans form
 * a partial order ({@code x < y} iff x's end precedes y's start), and any set of pairwise
 * compatible spans is down at one moment of some execution, so the worst case is a maximum
 * antichain of that order.
 */
record DownSpan(int from, int to, Set<Instance> instances) {

    boolean isPermanent() {
        return from == Poset.BEFORE && to == Poset.NEVER;
    }

    boolean isInitial() {
        return from == Poset.BEFORE;
    }

    /** Both can be down at one moment. */
    boolean compatible(DownSpan o, Poset p) {
        return !p.precedes(to, o.from) && !p.precedes(o.to, from);
    }

    /** Down at some moment while step {@code i} is in progress. */
    boolean compatibleWithStep(int i, Poset p) {
        return !p.precedes(to, i) && !p.precedes(i, from);
    }

    /** Strictly before {@code o}: always back up before {@code o} begins. */
    boolean before(DownSpan o, Poset p) {
        return p.precedes(to, o.from);
    }
}
