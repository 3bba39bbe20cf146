package dev.stagger.live;

import dev.stagger.live.cluster.ClusterAddresses;
import dev.stagger.live.cluster.ClusterNode;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.cluster.NodeReplication;
import dev.stagger.live.cluster.Resolver;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One Redis Cluster of the inventory as a {@link LiveSnapshot} shows it: the cluster view of one
 * observer (declared masters asked first), completed with every node's replication from its own
 * INFO, and each answering node's own CLUSTER NODES (two nodes can disagree: split-brain). Pure:
 * built from probes already taken, so the cluster rules are testable on hand-built snapshots.
 *
 * @param view      the observer's view, or null when no node answered CLUSTER NODES
 * @param selfViews each answering node's own view, by inventory endpoint
 * @param reason    why there is no view (null when there is one)
 */
public record ClusterSnapshot(RedisClusterService service, ClusterAddresses addresses, ClusterView view,
                              Map<Endpoint, ClusterView> selfViews, String reason) {

    public static ClusterSnapshot of(Inventory inventory, RedisClusterService service, LiveSnapshot snapshot) {
        return of(inventory, service, snapshot, Resolver::ip);
    }

    /** @param resolve turns a host's address into the IP nodes announce (identity in tests) */
    public static ClusterSnapshot of(Inventory inventory, RedisClusterService service, LiveSnapshot snapshot,
                                     UnaryOperator<String> resolve) {
        ClusterAddresses addresses = ClusterAddresses.of(inventory, service, resolve);
        Map<Endpoint, ClusterView> selfViews = new LinkedHashMap<>();
        Map<String, RedisProbe> byAddress = new HashMap<>();
        List<String> silent = new ArrayList<>();
        for (Endpoint e : observersInOrder(service)) {
            RedisProbe p = snapshot.redis(new Instance(service.name(), e)).orElse(null);
            if (p == null) {
                continue;
            }
            byAddress.put(addresses.live(e), p);
            if (p.healthy() && p.cluster() != null) {
                selfViews.put(e, p.cluster());
            } else {
                silent.add(e + " (" + (p.healthy() ? "does not answer CLUSTER NODES: is cluster-enabled off?" : p.reason()) + ")");
            }
        }
        if (selfViews.isEmpty()) {
            String why = silent.isEmpty() ? "no node of " + service.name() + " was probed"
                    : "no node of " + service.name() + " answered CLUSTER NODES: " + String.join("; ", silent);
            return new ClusterSnapshot(service, addresses, null, Map.of(), why);
        }
        ClusterView first = selfViews.values().iterator().next();
        Map<String, NodeReplication> replication = new HashMap<>();
        for (ClusterNode n : first.nodes()) {
            RedisProbe p = byAddress.get(n.address());
            if (p != null && p.healthy() && p.info() != null) {
                replication.put(n.id(), NodeReplication.of(p.info()));
            }
        }
        ClusterView view = new ClusterView(first.observer(), first.info(), first.nodes(), replication);
        return new ClusterSnapshot(service, addresses, view, Collections.unmodifiableMap(selfViews), null);
    }

    /** Declared masters first: they are the likeliest to hold a complete view. */
    private static List<Endpoint> observersInOrder(RedisClusterService service) {
        List<Endpoint> out = new ArrayList<>();
        service.shards().stream().filter(s -> !s.isEmpty()).forEach(s -> out.add(s.get(0)));
        service.instances().stream().filter(e -> !out.contains(e)).forEach(out::add);
        return out;
    }

    public boolean hasView() {
        return view != null;
    }

    /** The inventory endpoint of a node, if the inventory lists it. */
    public Optional<Endpoint> endpoint(ClusterNode node) {
        return addresses.endpoint(node.address());
    }

    /** The shard (in the observer's view) whose master or one of whose replicas is {@code member}. */
    public Optional<ClusterView.Shard> shardOf(Endpoint member) {
        if (view == null || !addresses.all().containsKey(member)) {
            return Optional.empty();
        }
        String a = addresses.live(member);
        return view.shards().stream()
                .filter(s -> s.master().address().equals(a) || s.replicas().stream().anyMatch(r -> r.node().address().equals(a)))
                .findFirst();
    }

    /** The live master of the shard holding {@code member}, by inventory name. */
    public Optional<Endpoint> liveMasterOf(Endpoint member) {
        return shardOf(member).flatMap(s -> endpoint(s.master()));
    }

    /** The node of the observer's view at an inventory endpoint. */
    public Optional<ClusterNode> node(Endpoint e) {
        if (view == null || !addresses.all().containsKey(e)) {
            return Optional.empty();
        }
        return view.nodeAt(addresses.live(e));
    }

    /** The inventory name of a node, or its address when the inventory does not list it. */
    public String name(ClusterNode node) {
        return addresses.name(node);
    }
}
