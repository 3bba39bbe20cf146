package dev.stagger.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads one hook's output and passes it on as redacted lines, in memory that does not grow with what
 * the hook prints: fixed 64 KiB reads, lines cut at {@link LineCutter#MAX} bytes, the last
 * {@link OutputTail#CAPACITY} characters kept for the journal, and counts of the rest. The per-chunk
 * buffers are reused, so even gigabytes of output make little garbage (the JVM runs with its default,
 * large heap, and garbage would become resident memory).
 */
final class HookOutput implements LineCutter.Sink {
    /** What a hook printed, for the journal: the kept tail and how much there was. */
    record Summary(String tail, long bytes, long lines, long cutLines, boolean dropped) {
        /** {@code 3 lines, 42 bytes} or {@code 2000000 lines, 2147483648 bytes; 1 line cut at 4096 bytes; ...}. */
        String describe() {
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
        String lastLines(int n) {
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
    private final StringBuilder batch = new StringBuilder(2 * CHUNK);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final CharBuffer chars = CharBuffer.allocate(LineCutter.MAX);
    private ByteBuffer wrapped;
    private long bytes;
    private long lineCount;
    private long cutLines;

    /** @param lines receives each batch of lines (redacted, each ending in a newline); the text is reused after the call */
    HookOutput(Redactor redactor, Consumer<CharSequence> lines) {
        this.redactor = redactor;
        this.lines = lines;
    }

    /**
     * Reads until the hook has exited and its output is drained. It never blocks in a read: a
     * server the hook started in the background inherits the pipe and may keep it open for days.
     */
    void pump(InputStream in, BooleanSupplier hookAlive) throws IOException {
        byte[] chunk = new byte[CHUNK];
        while (true) {
            boolean alive = hookAlive.getAsBoolean();
            int available = in.available();
            if (available > 0) {
                int n = in.read(chunk, 0, Math.min(available, chunk.length));
                if (n < 0) {
                    break;
                }
                feed(chunk, 0, n);
                continue;
            }
            if (!alive) {
                break;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        finish();
    }

    void feed(byte[] chunk, int off, int n) {
        bytes += n;
        cutter.feed(chunk, off, n);
        deliver();
    }

    void finish() {
        cutter.finish();
        deliver();
    }

    Summary summary() {
        return new Summary(tail.text(), bytes, lineCount, cutLines, tail.dropped());
    }

    @Override
    public void line(byte[] buf, int kept, long fullLength) {
        lineCount++;
        int start = batch.length();
        decode(buf, kept);
        if (fullLength > kept) {
            cutLines++;
            batch.append(" [line cut: it was ").append(fullLength).append(" bytes long, the first ").append(kept)
                    .append(" are shown]");
        }
        redactor.redact(batch, start);
        batch.append('\n');
    }

    private void decode(byte[] buf, int n) {
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = buf[i] >= 0;
        }
        if (ascii) {
            for (int i = 0; i < n; i++) {
                batch.append((char) buf[i]);
            }
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
        batch.append(chars);
    }

    private void deliver() {
        if (batch.length() == 0) {
            return;
        }
        tail.add(batch, 0, batch.length());
        lines.accept(batch);
        batch.setLength(0);
    }
}
