package dev.stagger.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping read by key, remembering where each key was written. Duplicate keys are reported by
 * {@link SafeYaml}; here the first one counts. Keys that are not names (lists, mappings) are reported.
 */
final class YamlMap {
    /** Up to this many keys a key is found by comparing names; a fleet has tens of thousands of small mappings. */
    private static final int SMALL = 8;

    private final MappingNode node;
    /** The first entry of each name, in file order. */
    private final List<NodeTuple> entries;
    /** Entries by name, for large mappings only. */
    private final Map<String, NodeTuple> index;

    private YamlMap(MappingNode node, Diagnostics d) {
        this.node = node;
        List<NodeTuple> tuples = node.getValue();
        this.entries = new ArrayList<>(tuples.size());
        this.index = tuples.size() > SMALL ? new HashMap<>() : null;
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple t = tuples.get(i);
            if (t.getKeyNode().getTag().equals(org.yaml.snakeyaml.nodes.Tag.MERGE)) {
                continue; // reported by SafeYaml
            }
            if (t.getKeyNode() instanceof ScalarNode k && !Values.isNull(k)) {
                boolean first = index != null ? index.putIfAbsent(k.getValue(), t) == null : find(k.getValue()) == null;
                if (first) {
                    entries.add(t);
                }
            } else {
                d.error(t.getKeyNode(), "expected a name as key, got " + Values.describe(t.getKeyNode()));
            }
        }
    }

    private NodeTuple find(String key) {
        if (index != null) {
            return index.get(key);
        }
        // By index: an iterator per lookup was a fifth of the garbage of reading a big fleet.
        for (int i = 0; i < entries.size(); i++) {
            NodeTuple t = entries.get(i);
            if (keyOf(t).equals(key)) {
                return t;
            }
        }
        return null;
    }

    /** The mapping, or empty after reporting that {@code what} (e.g. "a host's fields") was expected. */
    static Optional<YamlMap> of(Node node, Diagnostics d, String what) {
        return of(node, d, () -> what);
    }

    /** As {@link #of(Node, Diagnostics, String)}, the description made only for the message (a fleet has thousands of mappings). */
    static Optional<YamlMap> of(Node node, Diagnostics d, Supplier<String> what) {
        if (node instanceof MappingNode m) {
            return Optional.of(new YamlMap(m, d));
        }
        d.error(node, "expected " + what.get() + " (a mapping), got " + Values.describe(node));
        return Optional.empty();
    }

    Node node() {
        return node;
    }

    /** Reports every key not in {@code known}, suggesting the closest known one. */
    void allowOnly(Collection<String> known, Diagnostics d) {
        for (int i = 0; i < entries.size(); i++) {
            NodeTuple t = entries.get(i);
            String key = keyOf(t);
            if (!known.contains(key)) {
                d.error(t.getKeyNode(), unknownKey(key, known));
            }
        }
    }

    static String unknownKey(String key, Collection<String> known) {
        Optional<String> near = Suggest.closest(key, known);
        return near.map(k -> "unknown key `" + key + "`; did you mean `" + k + "`?")
                .orElseGet(() -> "unknown key `" + key + "` (expected one of: " + String.join(", ", known) + ")");
    }

    boolean has(String key) {
        return find(key) != null;
    }

    Optional<Node> get(String key) {
        NodeTuple t = find(key);
        return t == null ? Optional.empty() : Optional.of(t.getValueNode());
    }

    /** The value, or empty after reporting that the key is missing (at the mapping). */
    Optional<Node> require(String key, Diagnostics d, String why) {
        return require(key, d, () -> why);
    }

    /** As {@link #require(String, Diagnostics, String)}, the message made only when the key is missing. */
    Optional<Node> require(String key, Diagnostics d, Supplier<String> why) {
        Optional<Node> v = get(key);
        if (v.isEmpty()) {
            d.error(node, why.get());
        }
        return v;
    }

    Node keyNode(String key) {
        return find(key).getKeyNode();
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            keys.add(keyOf(entries.get(i)));
        }
        return keys;
    }

    /** Entries in file order, keyed by name: for mappings whose keys are names (hosts, services). */
    List<NodeTuple> entries() {
        return new ArrayList<>(entries);
    }

    static String keyOf(NodeTuple t) {
        return ((ScalarNode) t.getKeyNode()).getValue();
    }
}
