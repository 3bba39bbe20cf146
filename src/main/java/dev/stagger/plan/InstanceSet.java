package dev.stagger.plan;

import dev.stagger.model.Instance;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An immutable set of instances in instance order, on a sorted array: what a step touches or takes
 * down. A step names a handful of instances, and a 50,000-host plan made a tree per step (a map,
 * its set and an entry per instance, each copied by every young collection while the plan lives).
 */
final class InstanceSet extends AbstractSet<Instance> {
    static final InstanceSet EMPTY = new InstanceSet(new Instance[0]);
    /** Up to this many instances a search compares them in turn; more are searched by halves. */
    private static final int LINEAR = 8;

    private final Instance[] items;

    private InstanceSet(Instance[] items) {
        this.items = items;
    }

    /** The distinct instances among the first {@code n} of {@code buffer} (which it may reorder). */
    static InstanceSet of(Instance[] buffer, int n) {
        if (n == 0) {
            return EMPTY;
        }
        Arrays.sort(buffer, 0, n);
        int kept = 1;
        for (int k = 1; k < n; k++) {
            if (buffer[k].compareTo(buffer[kept - 1]) != 0) {
                buffer[kept++] = buffer[k];
            }
        }
        return new InstanceSet(Arrays.copyOf(buffer, kept));
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Instance i)) {
            return false;
        }
        if (items.length <= LINEAR) {
            for (Instance x : items) {
                if (x.equals(i)) {
                    return true;
                }
            }
            return false;
        }
        return Arrays.binarySearch(items, i) >= 0;
    }

    @Override
    public Iterator<Instance> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < items.length;
            }

            @Override
            public Instance next() {
                if (next >= items.length) {
                    throw new NoSuchElementException();
                }
                return items[next++];
            }
        };
    }
}
