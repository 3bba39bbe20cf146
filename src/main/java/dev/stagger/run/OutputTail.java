package dev.stagger.run;

/**
 * The last {@link #CAPACITY} characters of a hook's output, in a fixed ring: what the journal keeps,
 * however much the hook printed. Only whole lines come out; a line cut by the ring's start is dropped.
 */
final class OutputTail {
    static final int CAPACITY = 64 * 1024;

    private final char[] ring;
    private long written;

    OutputTail() {
        this(CAPACITY);
    }

    OutputTail(int capacity) {
        this.ring = new char[capacity];
    }

    /** Adds text (whole lines, each ending in a newline). */
    void add(char[] text, int from, int to) {
        int n = to - from;
        if (n > ring.length) {
            from = to - ring.length;
            written += n - ring.length;
            n = ring.length;
        }
        int at = (int) (written % ring.length);
        int first = Math.min(n, ring.length - at);
        System.arraycopy(text, from, ring, at, first);
        System.arraycopy(text, from + first, ring, 0, n - first);
        written += n;
    }

    /** The kept lines, without their last newline; empty when nothing was printed. */
    String text() {
        int size = (int) Math.min(written, ring.length);
        char[] out = new char[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        int from = 0;
        if (written > ring.length) {
            // The oldest line lost its start to the ring; a partial line would mislead.
            while (from < size && out[from] != '\n') {
                from++;
            }
            from = Math.min(size, from + 1);
        }
        int to = size;
        if (to > from && out[to - 1] == '\n') {
            to--;
        }
        return new String(out, from, to - from);
    }

    /** Whether older output was dropped to keep within capacity. */
    boolean dropped() {
        return written > ring.length;
    }
}
