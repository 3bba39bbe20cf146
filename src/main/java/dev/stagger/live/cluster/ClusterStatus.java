package dev.stagger.live.cluster;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import java.util.List;

/**
 * A Redis Cluster of the inventory, probed: the live view, what is unhealthy about it, and where it
 * differs from the declared shards.
 *
 * @param problems health findings from {@link ClusterView#problems()}; empty means fully serving
 * @param drift    {@code drift} warnings against the inventory
 */
public record ClusterStatus(RedisClusterService service, ClusterAddresses addresses, ClusterView view,
                            List<String> problems, List<Diagnostic> drift) {

    public static ClusterStatus probe(Inventory inventory, RedisClusterService service, NodeConnector connector) {
        ClusterAddresses addresses = ClusterAddresses.of(inventory, service, Resolver::ip);
        // Declared masters first: they are the likeliest to hold a complete view.
        List<String> seeds = service.shards().stream().map(s -> s.get(0)).map(addresses::live).toList();
        List<String> rest = service.instances().stream().map(addresses::live).filter(a -> !seeds.contains(a)).toList();
        ClusterView view = new ClusterProbe(connector).read(concat(seeds, rest));
        return new ClusterStatus(service, addresses, view, view.problems(), ClusterDrift.check(service, addresses, view));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    public boolean healthy() {
        return problems.isEmpty();
    }

    /** The live master of the shard that holds {@code member} (declared or live), by inventory name. */
    public java.util.Optional<Endpoint> liveMasterOf(Endpoint member) {
        String address = addresses.live(member);
        return view.shards().stream()
                .filter(s -> s.master().address().equals(address)
                        || s.replicas().stream().anyMatch(r -> r.node().address().equals(address)))
                .findFirst()
                .flatMap(s -> addresses.endpoint(s.master().address()));
    }

    /** Multi-line summary for status output: one line per shard, then problems. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(service.name()).append(": cluster_state ").append(view.info().state())
                .append(", ").append(view.coveredSlots()).append("/16384 slots, ")
                .append(view.slotShards().size()).append(" shards\n");
        for (ClusterView.Shard s : view.shards()) {
            sb.append("  ").append(s.slotsText()).append(": master ").append(addresses.name(s.master()));
            for (ClusterView.Replica r : s.replicas()) {
                sb.append(", replica ").append(addresses.name(r.node()))
                        .append(r.linkUp() ? " (link up" : " (link DOWN")
                        .append(r.lag() >= 0 ? ", lag " + r.lag() + ")" : ")");
            }
            sb.append('\n');
        }
        problems.forEach(p -> sb.append("  problem: ").append(p).append('\n'));
        drift.forEach(d -> sb.append("  drift: ").append(d.message()).append('\n'));
        return sb.toString();
    }
}
