package dev.stagger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Where generated YAML goes, and the form a piece of it takes on the way ({@code T}): chars for a
 * Writer or any Appendable, UTF-8 bytes for an OutputStream. A piece is made by whichever thread
 * formatted it ({@link #piece}), so on two cores the thread that writes pieces out only writes them.
 */
abstract class YamlOutput<T> {
    /** Hands {@code sb} over and empties it. */
    abstract void take(StringBuilder sb) throws IOException;

    /** The text of {@code sb} in this output's form, to be handed over later, maybe by another thread. */
    abstract T piece(StringBuilder sb);

    abstract void write(T piece) throws IOException;

    static YamlOutput<char[]> of(Appendable out) {
        return new Chars(out);
    }

    static YamlOutput<Utf8> of(OutputStream out) {
        return new Bytes(out);
    }

    private static final class Chars extends YamlOutput<char[]> {
        private final Appendable out;
        private char[] chars;

        Chars(Appendable out) {
            this.out = out;
        }

        /** A Writer gets the chars themselves (Writer.append(CharSequence) would copy them into a String first). */
        @Override
        void take(StringBuilder sb) throws IOException {
            int n = sb.length();
            if (n == 0) {
                return;
            }
            if (out instanceof Writer w) {
                if (chars == null || chars.length < n) {
                    chars = new char[Math.max(n, 1 << 16)];
                }
                sb.getChars(0, n, chars, 0);
                w.write(chars, 0, n);
            } else {
                out.append(sb);
            }
            sb.setLength(0);
        }

        @Override
        char[] piece(StringBuilder sb) {
            char[] text = new char[sb.length()];
            sb.getChars(0, text.length, text, 0);
            return text;
        }

        @Override
        void write(char[] piece) throws IOException {
            if (piece.length == 0) {
                return;
            }
            if (out instanceof Writer w) {
                w.write(piece);
            } else {
                out.append(CharBuffer.wrap(piece));
            }
        }
    }

    /** A piece in UTF-8: the first {@code length} bytes of {@code bytes}. */
    record Utf8(byte[] bytes, int length) {
    }

    /**
     * UTF-8 to a stream, each piece encoded by the thread that formatted it into a buffer the output
     * gives back once written: a 50,000-step plan is 9 MB of text, and a copy or two of it more in
     * the young generation can cost a collection that copies the whole plan (60-130 ms measured).
     */
    private static final class Bytes extends YamlOutput<Utf8> {
        private final OutputStream out;
        /** Buffers written out, ready for the next piece. */
        private final Queue<byte[]> free = new ConcurrentLinkedQueue<>();
        /** Chars of a piece on its way to bytes, and their encoder: one per thread formatting at a time. */
        private final Queue<Encoding> encodings = new ConcurrentLinkedQueue<>();

        private static final class Encoding {
            char[] chars = new char[1 << 16];
            final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        }

        Bytes(OutputStream out) {
            this.out = out;
        }

        @Override
        void take(StringBuilder sb) throws IOException {
            if (sb.length() > 0) {
                write(piece(sb));
                sb.setLength(0);
            }
        }

        @Override
        Utf8 piece(StringBuilder sb) {
            int n = sb.length();
            Encoding e = encodings.poll();
            if (e == null) {
                e = new Encoding();
            }
            if (e.chars.length < n) {
                e.chars = new char[n + n / 4];
            }
            sb.getChars(0, n, e.chars, 0);
            byte[] bytes = free.poll();
            if (bytes == null || bytes.length < n) {
                // Buffers only grow: a small one is dropped, not kept to be found too small again.
                bytes = new byte[Math.max(n + n / 4, 1 << 16)];
            }
            // The text is ASCII but for quoted scalars and comments: grows only for those.
            CharBuffer in = CharBuffer.wrap(e.chars, 0, n);
            ByteBuffer to = ByteBuffer.wrap(bytes);
            e.encoder.reset();
            while (e.encoder.encode(in, to, true).isOverflow()) {
                to = ByteBuffer.wrap(Arrays.copyOf(to.array(), to.capacity() * 2)).position(to.position());
            }
            encodings.offer(e);
            return new Utf8(to.array(), to.position());
        }

        @Override
        void write(Utf8 piece) throws IOException {
            out.write(piece.bytes(), 0, piece.length());
            free.offer(piece.bytes());
        }
    }
}
