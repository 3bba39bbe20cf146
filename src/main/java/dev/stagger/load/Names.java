package dev.stagger.load;

import dev.stagger.model.TerminalText;
import java.util.regex.Pattern;

/**
 * Host and service names. They appear inside target selectors ({@code cache@app1}, {@code dc:dc1},
 * {@code app*}), so the characters those use are kept out of names.
 */
final class Names {
    /** What {@link #isValid} accepts, as a regex (the test compares the two). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {
    }

    static boolean isValid(String name) {
        // By hand: the regex's matcher was a large part of reading a fleet of tens of thousands of hosts.
        if (name.isEmpty() || !startsName(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!continuesName(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z0-9]}, ASCII only: a name's first character. */
    static boolean startsName(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** {@code [A-Za-z0-9._-]}: any later character of a name. */
    static boolean continuesName(char c) {
        return startsName(c) || c == '.' || c == '_' || c == '-';
    }

    /**
     * Reports a name or id that carries a control character or a bidirectional override (it would
     * reach the operator's terminal raw in every listing); true when it is plain text.
     */
    static boolean checkPlainText(String what, String value, org.yaml.snakeyaml.nodes.Node node, Diagnostics d) {
        int at = TerminalText.firstUnsafeInName(value);
        if (at < 0) {
            return true;
        }
        d.error(node, what + " `" + TerminalText.escapeLine(value) + "` contains the control character "
                + TerminalText.codePointName(value, at) + ": names and ids must be plain text");
        return false;
    }

    /** Reports an invalid name; true when it is valid. */
    static boolean check(String what, String name, org.yaml.snakeyaml.nodes.Node node, Diagnostics d) {
        if (isValid(name)) {
            return true;
        }
        d.error(node, what + " name `" + TerminalText.escapeLine(name) + "` may only contain letters, digits, `.`, `_` and `-`,"
                + " starting with a letter or digit");
        return false;
    }
}
