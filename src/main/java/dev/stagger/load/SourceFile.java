package dev.stagger.load;

import dev.stagger.io.BoundedFile;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reads an input file as UTF-8 text, turning every way that can fail into one located diagnostic. */
public final class SourceFile {
    private SourceFile() {
    }

    /**
     * @param at where to report a failure: the file itself, or the plan line that names it
     * @throws StaggerException exit 2 when the file cannot be read as text
     */
    static String read(Path path, Position at, String prefix) {
        return read(path, SafeYaml.MAX_BYTES, "an inventory or a plan", at, prefix);
    }

    /**
     * Any other text input (a dc map): at most {@code maxBytes}, UTF-8, a failure located like a plan's.
     *
     * @param what "a dc map", for the message on a file above the cap or not a regular file
     */
    public static String read(Path path, long maxBytes, String what, String prefix) {
        return read(path, maxBytes, what, Position.of(path.toString()), prefix);
    }

    private static String read(Path path, long maxBytes, String what, Position at, String prefix) {
        byte[] bytes;
        try {
            bytes = BoundedFile.read(path, maxBytes, what);
        } catch (BoundedFile.Refused e) {
            throw StaggerException.badInput(List.of(Diagnostic.inputError(at, prefix + e.getMessage())));
        }
        try {
            return decode(bytes);
        } catch (CharacterCodingException e) {
            // Point at the first byte that is not UTF-8, so the editor jumps to it; never quote it.
            throw StaggerException.badInput(List.of(Diagnostic.inputError(firstMalformed(path.toString(), bytes),
                    "not UTF-8 text: byte 0x" + String.format("%02x", bytes[malformedOffset(bytes)] & 0xFF)
                            + " starts no UTF-8 character (save the file as UTF-8)").unquotable()));
        }
    }

    /** Like a file, from a stream: at most {@link SafeYaml#MAX_BYTES}, UTF-8. */
    static String read(java.io.InputStream in, String name) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(SafeYaml.MAX_BYTES + 1);
        } catch (java.io.IOException e) {
            throw StaggerException.badInput(List.of(Diagnostic.inputError(Position.of(name),
                    "cannot read: " + e.getMessage())));
        }
        if (bytes.length > SafeYaml.MAX_BYTES) {
            throw StaggerException.badInput(List.of(Diagnostic.inputError(Position.of(name),
                    "larger than " + SafeYaml.MAX_BYTES / (1024 * 1024) + " MiB: not a plan")));
        }
        try {
            return decode(bytes);
        } catch (CharacterCodingException e) {
            throw StaggerException.badInput(List.of(Diagnostic.inputError(firstMalformed(name, bytes),
                    "not UTF-8 text: byte 0x" + String.format("%02x", bytes[malformedOffset(bytes)] & 0xFF)
                            + " starts no UTF-8 character").unquotable()));
        }
    }

    static String read(Path path) {
        return read(path, Position.of(path.toString()), "cannot read: ");
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        // The lenient decoder is intrinsic and fast; it turns every malformed sequence into
        // U+FFFD. Without one in its output the bytes were valid UTF-8; with one, the strict
        // decoder decides (the file may just contain U+FFFD).
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** The offset of the first byte sequence that is not UTF-8 (the file is known to have one). */
    private static int malformedOffset(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return Math.max(0, bytes.length - 1);
            }
            out.clear();
        }
    }

    /** Line and column (in characters) of the first malformed byte. */
    private static Position firstMalformed(String file, byte[] bytes) {
        int offset = malformedOffset(bytes);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
        return new Position(file, line, column);
    }
}
