package dev.stagger.cli;

import dev.stagger.model.TerminalText;
import dev.stagger.testing.Samples.Gen;
import java.util.List;

/**
 * Generated text for the hostile-input properties: pieces that YAML, terminals and the CI formats
 * give a meaning to (newlines, quotes, {@code #}, {@code ": "}, indicators, keywords, control
 * characters, bidirectional overrides, unicode), run together.
 */
public final class HostileText {
    public static final List<String> PIECES = List.of(
            "a", "Z", "0", "7", "-", "_", ".", "é", "日本", "\uD83D\uDE00", " ", "  ", "\n", "\r\n", "\t", "\"", "'",
            "\\", "#", " #", ": ", ":", "- ", "[", "]", "{", "}", ",", "&a", "*a", "!!str", "!", "|", ">", "%", "@",
            "`", "?", "<", "&", "yes", "null", "~", "0x1F", "1e3", "---", "...", "{address}",
            "\u001b[2K", "\u001b]8;;http://x\u0007", "\u0000", "\u0007", "\u0008", "\u007f", "\u0085", "\u009b",
            "\u202e", "\u2066", "\u200f", "\u061c", "\u2028", "\u2029", "\uFEFF");

    private HostileText() {
    }

    /** Any run of pieces, at least one. */
    public static Gen<String> any() {
        return Gen.joined(PIECES, 1, 8);
    }

    /** A run that certainly contains a character no terminal may see raw. */
    public static Gen<String> withControl() {
        return any().filter(s -> s.codePoints().anyMatch(TerminalText::isUnsafe));
    }

    /** The index of the first character that must not reach a terminal raw (tab and newline allowed), or -1. */
    public static int firstRaw(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (TerminalText.isUnsafe(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
