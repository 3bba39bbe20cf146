package dev.stagger.live.redis;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a Redis connection's replies as they arrive and refuses, before the client allocates
 * anything, what no Redis that stagger talks to would send: an array or map of more than
 * {@link #MAX_ELEMENTS} elements, a string of more than {@link #MAX_BULK} bytes, a header line
 * longer than {@link #MAX_LINE}, or a byte that starts no RESP type. Without it a port answering
 * {@code *2147483000} made the client allocate gigabytes. The reply bytes themselves pass through
 * unchanged; only the lengths in the headers are checked.
 */
public final class RespGuard extends FilterInputStream {
    /** CLUSTER NODES of a large cluster and INFO are well below this. */
    static final long MAX_BULK = 16L * 1024 * 1024;
    static final long MAX_ELEMENTS = 1_000_000;
    static final int MAX_LINE = 1024;

    /** A reply that is not Redis's: the message names what was wrong. */
    public static final class NotRedis extends IOException {
        private static final long serialVersionUID = 1L;

        NotRedis(String message) {
            super(message);
        }
    }

    /** Redis's own replies nest a few levels (CLUSTER SLOTS, COMMAND DOCS); far deeper is not Redis. */
    static final int MAX_DEPTH = 64;

    private enum State { TYPE, HEADER, PAYLOAD }

    /**
     * Elements each open aggregate still expects, innermost last. The client sizes a list for every
     * header it reads before any element arrives, so nested {@code *1000000} headers (ten bytes each)
     * would cost megabytes apiece: the elements announced in one reply are capped in all, not per header.
     */
    private final long[] open = new long[MAX_DEPTH];
    private final boolean[] attribute = new boolean[MAX_DEPTH];
    private int depth;
    private long announced;

    private State state = State.TYPE;
    private char type;
    private final StringBuilder header = new StringBuilder();
    /** Payload bytes still to pass, the trailing CRLF included. */
    private long payloadLeft;

    RespGuard(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            inspect(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            inspect(buf[off + i] & 0xFF);
        }
        return n;
    }

    private void inspect(int b) throws NotRedis {
        switch (state) {
            case TYPE -> {
                if ("+-:$*%~>_#,(=!|".indexOf(b) < 0) {
                    throw new NotRedis("the reply starts with " + describe(b) + ", which starts no Redis reply");
                }
                type = (char) b;
                header.setLength(0);
                state = State.HEADER;
            }
            case HEADER -> {
                if (b == '\n') {
                    endOfHeader();
                } else if (b != '\r') {
                    if (header.length() >= MAX_LINE) {
                        throw new NotRedis("a reply line is longer than " + MAX_LINE + " bytes");
                    }
                    header.append((char) b);
                }
            }
            case PAYLOAD -> {
                if (--payloadLeft == 0) {
                    state = State.TYPE;
                    elementDone();
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void endOfHeader() throws NotRedis {
        state = State.TYPE;
        switch (type) {
            case '$', '=', '!' -> {
                long n = length();
                if (n > MAX_BULK) {
                    throw new NotRedis("a reply announces a string of " + n + " bytes (more than " + MAX_BULK + ")");
                }
                if (n >= 0) {
                    payloadLeft = n + 2;
                    state = State.PAYLOAD;
                } else {
                    elementDone(); // $-1: the null string
                }
            }
            case '*', '%', '~', '>', '|' -> {
                long n = length();
                if (n > MAX_ELEMENTS) {
                    throw new NotRedis("a reply announces " + n + " elements (more than " + MAX_ELEMENTS + ")");
                }
                long elements = type == '%' || type == '|' ? 2 * n : n; // a map's entries are key and value
                announced += Math.max(0, elements);
                if (announced > MAX_ELEMENTS) {
                    throw new NotRedis("a reply announces more than " + MAX_ELEMENTS + " elements in all");
                }
                if (elements > 0) {
                    if (depth == MAX_DEPTH) {
                        throw new NotRedis("a reply nests deeper than " + MAX_DEPTH + " levels");
                    }
                    open[depth] = elements;
                    attribute[depth++] = type == '|';
                } else if (type != '|') {
                    elementDone(); // an empty or null aggregate
                }
            }
            default -> elementDone(); // simple strings, errors, integers, null, booleans, doubles, big numbers: one line
        }
    }

    /** One element is complete: it may complete the aggregates around it, and then the reply. */
    private void elementDone() {
        while (depth > 0) {
            if (--open[depth - 1] > 0) {
                return;
            }
            depth--;
            if (attribute[depth]) {
                return; // an attribute map precedes the reply it describes: it is no element of its own
            }
        }
        announced = 0;
    }

    private long length() throws NotRedis {
        try {
            return Long.parseLong(header.toString().trim());
        } catch (NumberFormatException e) {
            throw new NotRedis("a reply length is not a number");
        }
    }

    private static String describe(int b) {
        return b >= 0x20 && b < 0x7F ? "`" + (char) b + "`" : String.format("byte 0x%02x", b);
    }
}
