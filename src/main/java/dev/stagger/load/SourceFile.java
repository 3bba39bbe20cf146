package dev.stagger.load;

import dev.stagger.io.BoundedFile;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reads an input file as UTF-8 text, turning every way that can fail into one located diagnostic. */
final class SourceFile {
    private SourceFile() {
    }

    /**
     * @param at where to report a failure: the file itself, or the plan line that names it
     * @throws StaggerException exit 2 when the file cannot be read as text
     */
    static String read(Path path, Position at, String prefix) {
        String problem;
        try {
            return decode(BoundedFile.read(path, SafeYaml.MAX_BYTES, "an inventory or a plan"));
        } catch (BoundedFile.Refused e) {
            problem = e.getMessage();
        } catch (CharacterCodingException e) {
            problem = "not UTF-8 text";
        }
        throw StaggerException.badInput(List.of(Diagnostic.inputError(at, prefix + problem)));
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
}
