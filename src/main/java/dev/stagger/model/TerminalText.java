package dev.stagger.model;

/**
 * Text from files and from the network, made safe to print. A control character (C0 other than tab
 * and newline, DEL, C1) or a bidirectional override in a note, a hook argument or a message could,
 * on the operator's terminal, erase the {@code do:} line being approved, move the cursor, or make
 * "UNSAFE" read as "SAFE". Such characters are shown as escapes ({@code \x1b}, {@code \u202e}).
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** True for a code point that must never reach a terminal raw. */
    public static boolean isUnsafe(int cp) {
        if (cp == '\t' || cp == '\n') {
            return false;
        }
        return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)
                || cp == 0x061C || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** The index of the first unsafe character (tab and newline count as unsafe too), or -1. */
    public static int firstUnsafeInName(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp) || cp == '\t' || cp == '\n') {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** {@code U+001B}: how a message names a character it will not print. */
    public static String codePointName(String s, int index) {
        return String.format("U+%04X", s.codePointAt(index));
    }

    /** The text with every unsafe character escaped; tab and newline are kept. */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (isUnsafe(cp)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(cp <= 0xFF ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }

    /** One line: also newlines and tabs escaped (for a single-line listing such as a hook's argument list). */
    public static String escapeLine(String s) {
        return s == null ? null : escape(s).replace("\n", "\\n").replace("\t", "\\t");
    }
}
