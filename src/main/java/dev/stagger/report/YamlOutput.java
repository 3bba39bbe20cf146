package dev.stagger.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

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

    static YamlOutput<byte[]> of(OutputStream out) {
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

    /**
     * UTF-8 straight from the builder: the text is mostly ASCII, which the builder already holds as
     * bytes; a Writer would widen every char and encode it back.
     */
    private static final class Bytes extends YamlOutput<byte[]> {
        private final OutputStream out;

        Bytes(OutputStream out) {
            this.out = out;
        }

        @Override
        void take(StringBuilder sb) throws IOException {
            if (sb.length() > 0) {
                out.write(piece(sb));
                sb.setLength(0);
            }
        }

        @Override
        byte[] piece(StringBuilder sb) {
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        void write(byte[] piece) throws IOException {
            out.write(piece);
        }
    }
}
