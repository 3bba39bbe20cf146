package dev.stagger.load;

import dev.stagger.model.Position;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML to a node tree, never to objects: no class is ever constructed from a file, so global tags
 * cannot do harm, and every node keeps the line and column it was written at. Limits on size,
 * aliases and nesting keep a hostile or broken file from exhausting memory or the stack.
 */
final class SafeYaml {
    /**
     * Hand-written inventories and plans are a few kilobytes, but a 100,000-host fleet's inventory and
     * the plan {@code plan} writes for it are tens of megabytes; 64 MiB accepts both and still bounds
     * the work (the read stops at the cap, whatever the file claims to be).
     */
    static final int MAX_BYTES = 64 * 1024 * 1024;
    static final int MAX_CODE_POINTS = MAX_BYTES;
    static final int MAX_ALIASES = 50;
    static final int MAX_DEPTH = 40;
    /** Mappings up to this size find duplicate keys by comparing pairs, without a hash map. */
    private static final int SMALL_MAPPING = 8;
    private static final Set<Tag> PLAIN_TAGS = Set.of(
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

    private SafeYaml() {
    }

    /**
     * The single document of {@code text}, or empty when it is not valid YAML (each problem is reported
     * to {@code diagnostics}). A valid but empty document is reported too: no file of ours may be empty.
     */
    static Optional<Node> compose(String text, Diagnostics diagnostics) {
        return compose(text, diagnostics, true);
    }

    /** @param quick false to read with SnakeYAML even when {@link QuickComposer} could: tests compare the two */
    static Optional<Node> compose(String text, Diagnostics diagnostics, boolean quick) {
        if (text.length() > MAX_CODE_POINTS) {
            diagnostics.error(diagnostics.start(), "file is larger than " + MAX_CODE_POINTS / 1024 / 1024
                    + " MiB: too large to be an inventory or a plan");
            return Optional.empty();
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Optional<Node> fast = quick ? QuickComposer.compose(body, new RepeatingResolver()) : Optional.empty();
        Node root = fast.isPresent() ? fast.get() : snakeYaml(body, diagnostics);
        if (root == null) {
            return Optional.empty();
        }
        if (!(root instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            diagnostics.doNotQuote();
        }
        checkTagsAndDuplicateKeys(root, fast.isEmpty(), diagnostics);
        return Optional.of(root);
    }

    /**
     * The quick composer's tree of {@code text} without the lines of {@code hosts} (its {@code hosts:}
     * value is then empty), checked like any tree; empty when the text is not in the quick subset, or
     * not one for this path at all (too large, a byte order mark): the caller then reads the whole text.
     */
    static Optional<Node> composeWithout(String text, HostLines.Span hosts, Diagnostics diagnostics) {
        if (text.length() > MAX_CODE_POINTS || text.startsWith("\uFEFF")) {
            return Optional.empty();
        }
        Optional<Node> root = QuickComposer.composeWithout(text, new RepeatingResolver(), hosts.start(), hosts.end(),
                hosts.lines());
        root.ifPresent(r -> checkTagsAndDuplicateKeys(r, false, diagnostics));
        return root;
    }

    /** SnakeYAML's tree of any YAML, or null after reporting why there is none. */
    private static Node snakeYaml(String body, Diagnostics diagnostics) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by compose, with both locations
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        // Nothing is ever constructed from a tag; accepting them here lets the walk below report
        // every tag in the file (compose walks the tree), located, instead of stopping at the first.
        options.setTagInspector(tag -> true);
        StreamReader reader = new StreamReader(new StringReader(body));
        Node root;
        try {
            root = new Composer(new ParserImpl(reader, options), new RepeatingResolver(), options).getSingleNode();
        } catch (ReaderException e) {
            diagnostics.doNotQuote();
            diagnostics.error(positionOfIndex(body, e.getPosition(), diagnostics.file()),
                    "invalid YAML: character U+" + String.format("%04X", e.getCodePoint())
                            + " is not allowed in a YAML file");
            return null;
        } catch (MarkedYAMLException e) {
            diagnostics.doNotQuote();
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            diagnostics.error(mark != null ? diagnostics.at(mark) : here(reader, diagnostics), describe(e));
            return null;
        } catch (YAMLException e) {
            diagnostics.doNotQuote();
            // Limits (aliases, size) are thrown without a mark; the reader knows how far it got.
            diagnostics.error(here(reader, diagnostics), "invalid YAML: " + oneLine(e.getMessage()));
            return null;
        }
        if (root == null) {
            diagnostics.error(diagnostics.start(), "the file is empty");
        }
        return root;
    }

    /**
     * SnakeYAML's resolver, remembering its answer for short plain scalars: which implicit tag a
     * scalar gets depends on its text alone, and a big plan repeats the same keys (`maintain`,
     * `after`, `to`) tens of thousands of times, each tried against the bool and null patterns.
     */
    static final class RepeatingResolver extends Resolver {
        private static final int SHORT = 16;
        private final Map<String, Tag> known = new HashMap<>();
        /**
         * Whether a text whose first character starts no implicit pattern is a plain string. SnakeYAML
         * also tries two patterns on every text, whatever its first character: {@code ^$} (the empty
         * text) and its null pattern ({@code ~}, {@code null}, {@code Null}, {@code NULL} or one space);
         * when those are the only ones, a text that starts with anything else is a string. Host names
         * and addresses are unique, so the cache above does not help them, and each one tried against
         * those patterns cost a regex matcher.
         */
        private final boolean unlistedFirstIsString;

        RepeatingResolver() {
            // The tuple class is not public; its text names its pattern ("... regexp=^$ limit=10").
            List<?> any = yamlImplicitResolvers.get(null);
            unlistedFirstIsString = any == null || any.stream().map(String::valueOf)
                    .allMatch(t -> t.contains(" regexp=" + EMPTY.pattern() + " limit=")
                            || t.contains(" regexp=" + NULL.pattern() + " limit="));
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit && unlistedFirstIsString && !value.isEmpty()
                    && "~nN ".indexOf(value.charAt(0)) < 0 && !yamlImplicitResolvers.containsKey(value.charAt(0))) {
                return Tag.STR;
            }
            if (kind != NodeId.scalar || !implicit || value.length() > SHORT) {
                return super.resolve(kind, value, implicit);
            }
            if (isDottedNumbers(value)) {
                // An IPv4 address, unique per host, so never repeated: no implicit pattern
                // matches two dots and only digits (a float has one dot, a timestamp dashes).
                return Tag.STR;
            }
            Tag tag = known.get(value);
            if (tag == null) {
                tag = super.resolve(kind, value, implicit);
                known.put(value, tag);
            }
            return tag;
        }

        private static boolean isDottedNumbers(String value) {
            int dots = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '.') {
                    dots++;
                } else if (c < '0' || c > '9') {
                    return false;
                }
            }
            return dots >= 2;
        }
    }

    private static Position here(StreamReader reader, Diagnostics diagnostics) {
        return new Position(diagnostics.file(), reader.getLine() + 1, reader.getColumn() + 1);
    }

    private static String describe(MarkedYAMLException e) {
        StringBuilder sb = new StringBuilder("invalid YAML: ");
        sb.append(e.getProblem() == null ? "syntax error" : oneLine(e.getProblem()));
        if (e.getContext() != null) {
            sb.append(" (").append(oneLine(e.getContext())).append(')');
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /**
     * Walks every distinct node once (aliases make the tree a graph, possibly a cyclic one). Only
     * collections and reported scalars are remembered: a scalar without a finding can be visited
     * again at no cost, and remembering the hundreds of thousands of a big fleet's file was most
     * of this walk's time. A tree without aliases ({@code shared} false: the quick composer's) has no
     * node twice, so nothing is remembered at all.
     */
    private static void checkTagsAndDuplicateKeys(Node root, boolean shared, Diagnostics diagnostics) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            boolean plain = PLAIN_TAGS.contains(n.getTag());
            if (shared && (!plain || !(n instanceof ScalarNode)) && !seen.add(n)) {
                continue;
            }
            if (n.getTag().equals(Tag.MERGE)) {
                diagnostics.error(n, "merge keys (`<<`) are not supported: write the keys out");
            } else if (!plain) {
                diagnostics.error(n, "tags are not allowed: `" + shortTag(n.getTag()) + "`");
            }
            if (n instanceof MappingNode m) {
                List<NodeTuple> tuples = m.getValue();
                Map<String, Node> first = tuples.size() > SMALL_MAPPING ? new HashMap<>() : null;
                for (int i = 0; i < tuples.size(); i++) {
                    NodeTuple t = tuples.get(i);
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        Node earlier = first != null ? first.putIfAbsent(k.getValue(), k) : firstKey(tuples, i, k.getValue());
                        if (earlier != null) {
                            diagnostics.error(k, "duplicate key `" + k.getValue() + "` (first written at line "
                                    + (earlier.getStartMark().getLine() + 1) + ")");
                        }
                    }
                    todo.push(t.getValueNode());
                    todo.push(t.getKeyNode());
                }
            } else if (n instanceof SequenceNode s) {
                for (int i = s.getValue().size() - 1; i >= 0; i--) {
                    todo.push(s.getValue().get(i));
                }
            }
        }
    }

    /** The first scalar key before index {@code end} equal to {@code key}, or null. */
    private static Node firstKey(List<NodeTuple> tuples, int end, String key) {
        for (int j = 0; j < end; j++) {
            if (tuples.get(j).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return k;
            }
        }
        return null;
    }

    private static String shortTag(Tag tag) {
        String v = tag.getValue();
        return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
    }

    /** Line and column of the code point at {@code index}, for errors that only know an offset. */
    private static Position positionOfIndex(String text, int index, String file) {
        int line = 1;
        int column = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < index; i += Character.charCount(text.codePointAt(i)), cp++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(file, line, column);
    }
}
