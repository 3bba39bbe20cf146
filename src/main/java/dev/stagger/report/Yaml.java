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

    /** A scalar inside a flow list ({@code [a, b]}): no spaces or commas unquoted. */
    static String flow(String s) {
        return PLAIN_FLOW.matcher(s).matches() && !ambiguous(s) ? s : quoted(s);
    }

    /** A scalar as a block value: spaces allowed, but never {@code ": "} or {@code " #"}. */
    static String block(String s) {
        return PLAIN_BLOCK.matcher(s).matches() && !s.contains(": ") && !s.contains(" #") && !ambiguous(s)
                ? s : quoted(s);
    }

    private static boolean ambiguous(String s) {
        return KEYWORDS.contains(s.toLowerCase(Locale.ROOT)) || s.endsWith(":");
    }

    static String quoted(String s) {
        return YamlText.quoted(s);
    }

    /** A comment's text on one line, control characters escaped. */
    static String comment(String s) {
        return YamlText.comment(s);
    }
}
