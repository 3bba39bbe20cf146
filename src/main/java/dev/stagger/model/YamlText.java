package dev.stagger.model;

/**
 * The one way stagger writes text into YAML it generates ({@code discover}'s inventory, {@code plan}'s
 * plan): double-quoted scalars that read back to exactly the same string, and comments that stay one
 * line. Whatever a sentinel or a plan's note says (newlines, quotes, {@code #}, {@code ": "}, control
 * characters, bidirectional overrides), it can neither become YAML structure nor reach a terminal raw
 * when the file is shown.
 */
public final class YamlText {
    private YamlText() {
    }

    /** A double-quoted YAML scalar: every character that is not plainly printable is a {@code \\u} escape. */
    public static String quoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (needsEscape(cp)) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Text for a {@code #} comment: one line, nothing unsafe for a terminal. YAML also ends a line at
     * U+2028 and U+2029 (and NEL, a C1 character): escaped too, or the rest of the comment would be structure.
     */
    public static String comment(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        String line = TerminalText.escapeLine(s);
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (needsEscape(cp)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /**
     * Characters YAML does not allow raw (outside its printable set: lone surrogates, U+FFFE) and those
     * a terminal must not see raw, plus the line and paragraph separators and the byte order mark,
     * which some readers take for line breaks.
     */
    static boolean needsEscape(int cp) {
        boolean printable = cp >= 0x20 && cp <= 0x7E || cp == 0x85 || cp >= 0xA0 && cp <= 0xD7FF
                || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
        return !printable || TerminalText.isUnsafe(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
    }
}
