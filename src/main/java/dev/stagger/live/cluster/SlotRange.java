package dev.stagger.live.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A contiguous range of hash slots, both ends included, as CLUSTER NODES writes it ({@code 0-5460} or {@code 7}). */
public record SlotRange(int first, int last) implements Comparable<SlotRange> {
    public static final int SLOTS = 16384;

    public SlotRange {
        if (first < 0 || last >= SLOTS || first > last) {
            throw new IllegalArgumentException("not a slot range: " + first + "-" + last);
        }
    }

    /** Parses {@code 0-5460} or {@code 7}. */
    public static SlotRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            int slot = Integer.parseInt(text);
            return new SlotRange(slot, slot);
        }
        return new SlotRange(Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1)));
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int slot) {
        return slot >= first && slot <= last;
    }

    @Override
    public int compareTo(SlotRange o) {
        return Integer.compare(first, o.first);
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }

    /** Sorts and merges adjacent ranges, so {@code 0-99, 100-200} reads as {@code 0-200}. */
    public static List<SlotRange> normalize(List<SlotRange> ranges) {
        List<SlotRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.naturalOrder());
        List<SlotRange> out = new ArrayList<>();
        for (SlotRange r : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).last() + 1 >= r.first()) {
                SlotRange prev = out.remove(out.size() - 1);
                out.add(new SlotRange(prev.first(), Math.max(prev.last(), r.last())));
            } else {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    public static int count(List<SlotRange> ranges) {
        return normalize(ranges).stream().mapToInt(SlotRange::size).sum();
    }

    /** The slots of 0..16383 that no range covers. */
    public static List<SlotRange> missing(List<SlotRange> ranges) {
        List<SlotRange> out = new ArrayList<>();
        int next = 0;
        for (SlotRange r : normalize(ranges)) {
            if (r.first() > next) {
                out.add(new SlotRange(next, r.first() - 1));
            }
            next = r.last() + 1;
        }
        if (next < SLOTS) {
            out.add(new SlotRange(next, SLOTS - 1));
        }
        return List.copyOf(out);
    }

    /** {@code 0-5460,10923} for messages. */
    public static String describe(List<SlotRange> ranges) {
        if (ranges.isEmpty()) {
            return "no slots";
        }
        return String.join(",", normalize(ranges).stream().map(SlotRange::toString).toList());
    }
}
