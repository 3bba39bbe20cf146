package dev.stagger.run;

/**
 * Splits a hook's output bytes into lines without ever holding more than {@link #MAX} bytes of one:
 * a line longer than that keeps its first {@code MAX} bytes and only counts the rest, so a hook that
 * prints gigabytes on one line costs 4 KiB. {@code \n}, {@code \r\n} and a lone {@code \r} (progress
 * bars) end a line.
 */
final class LineCutter {
    static final int MAX = 4096;

    /** Receives each line as it ends. */
    interface Sink {
        /**
         * @param bytes      the kept bytes (the array is reused: copy what you keep)
         * @param kept       how many of them belong to this line
         * @param fullLength how long the line was; more than {@code kept} when it was cut
         */
        void line(byte[] bytes, int kept, long fullLength);
    }

    private final byte[] line = new byte[MAX];
    private final Sink sink;
    private int kept;
    private long length;
    private boolean pending;
    private boolean afterCr;

    LineCutter(Sink sink) {
        this.sink = sink;
    }

    void feed(byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            byte b = buf[i];
            if (b == '\n' || b == '\r') {
                boolean crlf = b == '\n' && afterCr;
                afterCr = b == '\r';
                if (!crlf) {
                    emit();
                }
                i++;
                continue;
            }
            afterCr = false;
            int stop = i + 1;
            while (stop < end && buf[stop] != '\n' && buf[stop] != '\r') {
                stop++;
            }
            int n = stop - i;
            int room = Math.min(n, MAX - kept);
            System.arraycopy(buf, i, line, kept, room);
            kept += room;
            length += n;
            pending = true;
            i = stop;
        }
    }

    /** The output ended: a last line without a newline is still a line. */
    void finish() {
        if (pending) {
            emit();
        }
    }

    private void emit() {
        int n = kept;
        if (length > kept) {
            n = completeCharacters(n);
        }
        sink.line(line, n, length);
        kept = 0;
        length = 0;
        pending = false;
    }

    /** A cut may split a UTF-8 character: keep only whole ones, so the text shows no broken one. */
    private int completeCharacters(int n) {
        int start = n - 1;
        while (start > 0 && n - start < 4 && (line[start] & 0xC0) == 0x80) {
            start--;
        }
        int lead = line[start] & 0xFF;
        int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return start + size > n ? start : n;
    }
}
