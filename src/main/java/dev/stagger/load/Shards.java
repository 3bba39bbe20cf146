package dev.stagger.load;

import dev.stagger.model.Endpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A Redis Cluster's declared {@code shards}: a list of lists of its instances, each shard's master
 * first. Every instance must be in exactly one shard, so the checker always knows who replicates whom.
 */
final class Shards {
    private Shards() {
    }

    /**
     * @param instances the cluster's instances with the nodes they were written at
     * @return the shards, or empty when any is wrong (each problem reported)
     */
    static Optional<List<List<Endpoint>>> read(Node node, String service, Map<Endpoint, Node> instances,
                                               Diagnostics d) {
        Optional<List<Node>> shardNodes = Values.list(node, d, "a list of shards, each a list such as [r1:7000, r4:7000]");
        if (shardNodes.isEmpty()) {
            return Optional.empty();
        }
        int before = d.count();
        List<List<Endpoint>> shards = new ArrayList<>();
        Map<Endpoint, Node> placed = new HashMap<>();
        Map<String, Endpoint> byName = new HashMap<>();
        instances.keySet().forEach(i -> byName.put(i.toString(), i));
        for (Node shardNode : shardNodes.get()) {
            Optional<List<Node>> members = Values.list(shardNode, d, "a shard: a list of instances, its master first");
            if (members.isEmpty()) {
                continue;
            }
            if (members.get().isEmpty()) {
                d.error(shardNode, "a shard needs at least one instance (its master)");
                continue;
            }
            List<Endpoint> shard = new ArrayList<>();
            for (Values.Named m : Values.texts(members.get(), d, "an instance host:port")) {
                Optional<Endpoint> e = Optional.ofNullable(byName.get(m.name()));
                if (e.isEmpty()) {
                    d.error(m.node(), () -> "`" + m.name() + "` in shards is not an instance of " + service
                            + Suggest.closest(m.name(), names(instances)).map(n -> "; did you mean `" + n + "`?")
                                    .orElse(" (instances: " + Suggest.list(names(instances)) + ")"));
                    continue;
                }
                Node first = placed.putIfAbsent(e.get(), m.node());
                if (first != null) {
                    d.error(m.node(), "`" + m.name() + "` is already in a shard (line "
                            + (first.getStartMark().getLine() + 1) + "): each instance belongs to exactly one");
                    continue;
                }
                shard.add(e.get());
            }
            shards.add(List.copyOf(shard));
        }
        for (Map.Entry<Endpoint, Node> i : instances.entrySet()) {
            if (!placed.containsKey(i.getKey())) {
                d.error(i.getValue(), "instance `" + i.getKey() + "` of " + service
                        + " is in no shard: add it to one of `shards`");
            }
        }
        return d.count() == before ? Optional.of(List.copyOf(shards)) : Optional.empty();
    }

    private static List<String> names(Map<Endpoint, Node> instances) {
        return instances.keySet().stream().map(Endpoint::toString).toList();
    }
}
