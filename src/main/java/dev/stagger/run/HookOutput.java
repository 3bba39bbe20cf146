package dev.stagger.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Reads one hook's output and passes it on as redacted lines, in memory that does not grow with what
 * the hook prints: fixed 64 KiB reads, lines cut at {@link LineCutter#MAX} bytes, the last
 * {@link OutputTail#CAPACITY} characters kept for the journal, and counts of the rest. The per-chunk
 * buffers are reused, so even gigabytes of output make little garbage (the JVM runs with its default,
 * large heap, and garbage would become resident memory).
 */
public final class HookOutput implements LineCutter.Sink {
    /** What a hook printed, for the journal: the kept tail and how much there was. */
    public record Summary(String tail, long bytes, long lines, long cutLines, boolean dropped) {
        /** {@code 3 lines, 42 bytes} or {@code 2000000 lines, 2147483648 bytes; 1 line cut at 4096 bytes; ...}. */
        public String describe() {
            StringBuilder sb = new StringBuilder().append(lines).append(lines == 1 ? " line, " : " lines, ")
                    .append(bytes).append(" bytes");
            if (cutLines > 0) {
                sb.append("; ").append(cutLines).append(cutLines == 1 ? " line" : " lines").append(" cut at ")
                        .append(LineCutter.MAX).append(" bytes");
            }
            if (dropped) {
                sb.append("; only the last ").append(OutputTail.CAPACITY / 1024).append(" KiB kept");
            }
            return sb.toString();
        }

        /** The last {@code n} lines of the tail, for a failure message. */
        public String lastLines(int n) {
            if (tail.isEmpty()) {
                return "(no output)";
            }
            int end = tail.length();
            int start = end;
            for (int i = 0; i < n && start > 0; i++) {
                start = tail.lastIndexOf('\n', start - 1);
                if (start < 0) {
                    start = 0;
                    break;
                }
            }
            String text = tail.substring(start == 0 ? 0 : start + 1, end);
            return text.replace("\n", "\n    ");
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final Redactor redactor;
    private final Consumer<CharSequence> lines;
    private final LineCutter cutter = new LineCutter(this);
    private final OutputTail tail = new OutputTail();
    /** The lines of one read, redacted: a reused array, not a string per line. */
    private char[] batch = new char[2 * CHUNK];
    private int batchLength;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(LineCutter.MAX);
    private ByteBuffer wrapped;
    private long bytes;
    private long lineCount;
    private long cutLines;
    private boolean closed;

    /** @param lines receives each batch of lines (redacted, each ending in a newline); the text is reused after the call */
    HookOutput(Redactor redactor, Consumer<CharSequence> lines) {
        this.redactor = redactor;
        this.lines = lines;
    }

    /**
     * Reads to the end of the output. Called on a thread of its own: a server the hook started in the
     * background inherits the pipe and may hold it open long after the hook exited, so the runner
     * does not wait for this to return but {@link #close}s the output instead.
     */
    /**
     * Closes the process's stdin (a command reading it would wait forever) and reads its output into
     * this on a daemon thread, returned so that the caller can give it a moment to drain.
     */
    Thread readFrom(Process process, String threadName) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // a command that does not read stdin may already have closed it
        }
        Thread reader = new Thread(() -> {
            try {
                pump(process.getInputStream());
            } catch (IOException e) {
                // The pipe broke: the exit code says what happened to the command.
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /**
     * Gives the reader of {@link #readFrom} up to {@code drain} to take the rest of the output (a
     * process left running in the background may hold the pipe open: its output is not the
     * command's), then closes this, so the summary is final.
     */
    Summary finish(Thread reader, Duration drain) {
        try {
            reader.join(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        return summary();
    }

    void pump(InputStream in) throws IOException {
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            // After close() what comes is read and dropped (not left to fill the pipe and block its
            // writer), until the JDK closes the pipe, which it does once the hook has exited: a
            // process a hook leaves running must send its output elsewhere.
            feed(chunk, 0, n);
        }
        close();
    }

    /** @return false once the output was closed: what comes after is not the hook's any more */
    synchronized boolean feed(byte[] chunk, int off, int n) {
        if (closed) {
            return false;
        }
        bytes += n;
        cutter.feed(chunk, off, n);
        deliver();
        return true;
    }

    /** The output is over (its end was read, or the hook exited and what is left belongs to its children). */
    synchronized void close() {
        if (!closed) {
            closed = true;
            cutter.finish();
            deliver();
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized Summary summary() {
        return new Summary(tail.text(), bytes, lineCount, cutLines, tail.dropped());
    }

    @Override
    public void line(byte[] buf, int kept, long fullLength) {
        lineCount++;
        int start = batchLength;
        decode(buf, kept);
        if (fullLength > kept) {
            cutLines++;
            append(" [line cut: it was " + fullLength + " bytes long, the first " + kept + " are shown]");
        }
        if (redactor.containsSecret(batch, start, batchLength)) {
            String clean = redactor.redact(new String(batch, start, batchLength - start));
            batchLength = start;
            append(clean);
        }
        room(1);
        batch[batchLength++] = '\n';
    }

    private void decode(byte[] buf, int n) {
        room(n);
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = buf[i] >= 0;
        }
        if (ascii) {
            for (int i = 0; i < n; i++) {
                batch[batchLength + i] = (char) buf[i];
            }
            batchLength += n;
            return;
        }
        if (wrapped == null || wrapped.array() != buf) {
            wrapped = ByteBuffer.wrap(buf);
        }
        wrapped.clear().limit(n);
        chars.clear();
        decoder.reset();
        decoder.decode(wrapped, chars, true);
        decoder.flush(chars);
        chars.flip();
        int len = chars.remaining();
        chars.get(batch, batchLength, len);
        batchLength += len;
    }

    private void append(String text) {
        room(text.length());
        text.getChars(0, text.length(), batch, batchLength);
        batchLength += text.length();
    }

    private void room(int n) {
        if (batchLength + n > batch.length) {
            batch = java.util.Arrays.copyOf(batch, Math.max(batch.length * 2, batchLength + n));
        }
    }

    private void deliver() {
        if (batchLength == 0) {
            return;
        }
        tail.add(batch, 0, batchLength);
        lines.accept(CharBuffer.wrap(batch, 0, batchLength));
        batchLength = 0;
    }
}
