package dev.stagger.report;

import dev.stagger.model.YamlText;
import java.util.Locale;
import java.util.regex.Pattern;

/** Writes YAML scalars plain when that is unambiguous, double-quoted otherwise. */
final class Yaml {
    private static final Pattern PLAIN_FLOW = Pattern.compile("[A-Za-z_.][A-Za-z0-9_./@:+-]*");
    private static final Pattern PLAIN_BLOCK = Pattern.compile("[A-Za-z_.][A-Za-z0-9_./@:+,;()' -]*[A-Za-z0-9_./)'-]|[A-Za-z_]");
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of(
            "true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private Yaml() {
    }

    /**
     * {@link #PLAIN_FLOW} without a regex matcher: a plan of 50,000 steps writes a few hundred thousand
     * scalars (YamlFastPathTest checks both agree).
     */
    static boolean plainFlow(String s) {
        int n = s.length();
        if (n == 0 || !(letter(s.charAt(0)) || s.charAt(0) == '_' || s.charAt(0) == '.')) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!(letter(c) || digit(c) || "_./@:+-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #PLAIN_BLOCK} without a regex matcher. */
    static boolean plainBlock(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        char first = s.charAt(0);
        if (n == 1) {
            return letter(first) || first == '_';
        }
        if (!(letter(first) || first == '_' || first == '.')) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (!(letter(c) || digit(c) || "_./@:+,;()' -".indexOf(c) >= 0)) {
                return false;
            }
        }
        char last = s.charAt(n - 1);
        return letter(last) || digit(last) || "_./)'-".indexOf(last) >= 0;
    }

    /**
     * Appends a scalar as a block value: plain when that is unambiguous (spaces allowed, but never
     * {@code ": "} or {@code " #"}), else quoted. One scan of {@code s}, no intermediate String: a
     * 50,000-host plan writes a few hundred thousand of them (YamlFastPathTest checks the decision
     * against the regular expression).
     */
    static void appendBlock(StringBuilder sb, String s) {
        if (plainBlockOnce(s)) {
            sb.append(s);
        } else {
            sb.append(quoted(s));
        }
    }

    /** {@link #plainBlock}, no {@code ": "} or {@code " #"}, and not {@link #ambiguous}: one pass. */
    private static boolean plainBlockOnce(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        char first = s.charAt(0);
        if (n == 1) {
            return (letter(first) || first == '_') && !ambiguous(s);
        }
        if (!(letter(first) || first == '_' || first == '.')) {
            return false;
        }
        char prev = first;
        for (int i = 1; i < n - 1; i++) {
            char c = s.charAt(i);
            if (letter(c) || digit(c) || c == '_' || c == '.' || c == '/' || c == '-') {
                prev = c;
                continue;
            }
            if ("@:+,;()' ".indexOf(c) < 0 || c == ' ' && prev == ':') {
                return false;
            }
            prev = c;
        }
        char last = s.charAt(n - 1);
        // A plain block scalar never holds " #": '#' is not in its alphabet, so only ": " needs the pair check.
        return (letter(last) || digit(last) || "_./)'-".indexOf(last) >= 0) && (n > 5 || !ambiguous(s));
    }

    /** Appends a scalar inside a flow list ({@code [a, b]}: no spaces or commas unquoted), without the intermediate String. */
    static void appendFlow(StringBuilder sb, String s) {
        if (plainFlow(s) && (s.length() > 5 && s.charAt(s.length() - 1) != ':' || !ambiguous(s))) {
            sb.append(s);
        } else {
            sb.append(quoted(s));
        }
    }

    /**
     * Appends, as {@link #appendFlow} would, a target's name ({@code host}, or {@code service@host}) without building
     * the name first: plain when both parts are plain flow characters (an {@code @} name is never a keyword).
     */
    static void appendFlowTarget(StringBuilder sb, String service, String host) {
        if (service == null) {
            appendFlow(sb, host);
        } else if (plainFlow(service) && plainFlowTail(host) && !host.endsWith(":")) {
            sb.append(service).append('@').append(host);
        } else {
            sb.append(quoted(service + "@" + host));
        }
    }

    /** Every character of {@code s} is allowed after the first of a plain flow scalar. */
    private static boolean plainFlowTail(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(letter(c) || digit(c) || "_./@:+-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Appends {@link #comment}{@code (s)} (no copy when it is printable ASCII). */
    static void appendComment(StringBuilder sb, String s) {
        sb.append(comment(s));
    }

    static boolean matchesRegex(String s, boolean flow) {
        return (flow ? PLAIN_FLOW : PLAIN_BLOCK).matcher(s).matches();
    }

    private static boolean letter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean ambiguous(String s) {
        return KEYWORDS.contains(s.toLowerCase(Locale.ROOT)) || s.endsWith(":");
    }

    static String quoted(String s) {
        return YamlText.quoted(s);
    }

    /** A comment's text on one line, control characters escaped. */
    static String comment(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return YamlText.comment(s);
            }
        }
        // Printable ASCII: nothing to escape for a terminal or for YAML.
        return s;
    }
}
