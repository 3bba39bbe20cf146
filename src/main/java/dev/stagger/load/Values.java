package dev.stagger.load;

import dev.stagger.model.Durations;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML nodes. Each returns empty after reporting what was expected and what was
 * written, so the caller simply skips the field and goes on to find the file's other errors.
 */
final class Values {
    private Values() {
    }

    /** What a node is, in words for a message: {@code a number}, {@code a list}, {@code nothing}. */
    static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        Tag t = node.getTag();
        if (t.equals(Tag.NULL)) {
            return "nothing";
        }
        if (t.equals(Tag.INT) || t.equals(Tag.FLOAT)) {
            return "a number";
        }
        if (t.equals(Tag.BOOL)) {
            return "true/false";
        }
        if (t.equals(Tag.TIMESTAMP)) {
            return "a date";
        }
        return "a string";
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /**
     * A scalar as text. Any non-empty scalar counts: YAML 1.1 reads {@code no}, {@code 1} or {@code on}
     * as booleans and numbers, which are still perfectly good names.
     */
    static Optional<String> text(Node node, Diagnostics d, String what) {
        if (node instanceof ScalarNode s && !isNull(node) && !s.getValue().isEmpty()) {
            return Optional.of(s.getValue());
        }
        String got = node instanceof ScalarNode && !isNull(node) ? "an empty string" : describe(node);
        d.error(node, "expected " + what + ", got " + got);
        return Optional.empty();
    }

    /** A whole number in {@code [min, max]}; huge, negative and fractional values are reported. */
    static Optional<Integer> integer(Node node, Diagnostics d, String key, long min, long max) {
        Optional<BigInteger> n = wholeNumber(node, d, key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get().compareTo(BigInteger.valueOf(min)) < 0 || n.get().compareTo(BigInteger.valueOf(max)) > 0) {
            d.error(node, "`" + key + "` must be between " + min + " and " + max + ", got " + n.get());
            return Optional.empty();
        }
        return Optional.of(n.get().intValue());
    }

    static Optional<BigInteger> wholeNumber(Node node, Diagnostics d, String key) {
        if (node instanceof ScalarNode s && node.getTag().equals(Tag.INT)) {
            long small = smallDecimal(s.getValue());
            if (small >= 0) {
                return Optional.of(BigInteger.valueOf(small)); // a fleet's counts: no parse of a BigInteger each
            }
            try {
                return Optional.of(new BigInteger(s.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                d.error(node, "expected a whole number for `" + key + "`, got `" + s.getValue() + "`");
                return Optional.empty();
            }
        }
        d.error(node, "expected a whole number for `" + key + "`, got " + describe(node));
        return Optional.empty();
    }

    /** Up to 9 ASCII digits as a number, or -1 for anything else (which the general parse reads). */
    private static long smallDecimal(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return -1;
        }
        long n = 0;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static Optional<Boolean> bool(Node node, Diagnostics d, String key) {
        if (node instanceof ScalarNode s && node.getTag().equals(Tag.BOOL)) {
            String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
            return Optional.of(v.equals("true") || v.equals("yes") || v.equals("on") || v.equals("y"));
        }
        d.error(node, "expected true or false for `" + key + "`, got " + describe(node));
        return Optional.empty();
    }

    static Optional<Duration> duration(Node node, Diagnostics d, String key) {
        if (node instanceof ScalarNode s && !isNull(node)) {
            Optional<Duration> parsed = Durations.parse(s.getValue());
            if (parsed.isPresent()) {
                return parsed;
            }
            String hint = node.getTag().equals(Tag.INT) ? " (add a unit: " + s.getValue() + "s)" : "";
            String problem = Durations.problem(s.getValue());
            if (problem.startsWith("longer")) {
                d.error(node, "`" + key + "` of " + s.getValue() + " is " + problem + ": that is a typo or not a"
                        + " maintenance window");
            } else {
                d.error(node, "expected a duration such as 500ms, 30s, 15m, 2h or 1h30m (at most "
                        + Durations.format(Durations.MAX) + ") for `" + key + "`, got `" + s.getValue() + "`" + hint);
            }
            return Optional.empty();
        }
        d.error(node, "expected a duration such as 30s for `" + key + "`, got " + describe(node));
        return Optional.empty();
    }

    static Optional<List<Node>> list(Node node, Diagnostics d, String what) {
        if (node instanceof SequenceNode s) {
            return Optional.of(s.getValue());
        }
        d.error(node, "expected " + what + ", got " + describe(node));
        return Optional.empty();
    }

    /** A list of names, where a single name is accepted as a list of one. */
    static Optional<List<Node>> oneOrMany(Node node, Diagnostics d, String what) {
        if (node instanceof SequenceNode s) {
            return Optional.of(s.getValue());
        }
        if (node instanceof ScalarNode && !isNull(node)) {
            return Optional.of(List.of(node));
        }
        d.error(node, "expected " + what + ", got " + describe(node));
        return Optional.empty();
    }

    /** The text of each element; elements that are not text are reported and left out. */
    static List<Named> texts(List<Node> nodes, Diagnostics d, String what) {
        List<Named> out = new ArrayList<>();
        for (Node n : nodes) {
            text(n, d, what).ifPresent(t -> out.add(new Named(t, n)));
        }
        return out;
    }

    /** {@code 80%} or {@code 80}, between {@code min} and 100. */
    static Optional<Integer> percent(Node node, Diagnostics d, String key, int min) {
        if (node instanceof ScalarNode s && !node.getTag().equals(Tag.INT) && s.getValue().matches("\\d{1,3}%")) {
            int v = Integer.parseInt(s.getValue().substring(0, s.getValue().length() - 1));
            if (v < min || v > 100) {
                d.error(node, "`" + key + "` must be between " + min + "% and 100%, got " + s.getValue());
                return Optional.empty();
            }
            return Optional.of(v);
        }
        if (node.getTag().equals(Tag.INT)) {
            return Values.integer(node, d, key, min, 100);
        }
        d.error(node, "expected a percentage such as 80% for `" + key + "`, got " + describeValue(node));
        return Optional.empty();
    }

    static String describeValue(Node node) {
        return node instanceof ScalarNode s && !Values.isNull(node) ? "`" + s.getValue() + "`" : Values.describe(node);
    }

    /** A name together with the node it was written at, for later cross-reference errors. */
    record Named(String name, Node node) {
    }
}
