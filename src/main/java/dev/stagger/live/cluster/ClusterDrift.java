package dev.stagger.live.cluster;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the live cluster differs from the inventory's declared {@code shards}: masters, replicas in
 * another shard, nodes the inventory does not list and listed instances the cluster does not know.
 * Every difference is a {@code drift} warning whose fix is the shard line as it is live.
 */
public final class ClusterDrift {
    public static final String RULE = "drift";

    private ClusterDrift() {
    }

    public static List<Diagnostic> check(RedisClusterService service, ClusterAddresses addresses, ClusterView view) {
        List<Diagnostic> out = new ArrayList<>();
        Set<Endpoint> seen = new HashSet<>();
        for (ClusterView.Shard shard : view.shards()) {
            ClusterNode master = shard.master();
            Optional<Endpoint> masterEp = addresses.endpoint(master.address());
            masterEp.ifPresent(seen::add);
            String fix = "set this shard to " + liveShardLine(shard, addresses) + " in `shards:` of " + service.name();
            String what = shard.slots().isEmpty() ? "master " + addresses.name(master) + " (no slots)"
                    : "shard with slots " + shard.slotsText();
            if (masterEp.isEmpty()) {
                out.add(warn(service, what + " has master " + master.address()
                        + ", which the inventory does not list", fix));
            } else {
                Optional<List<Endpoint>> declared = declaredShardOf(service, masterEp.get());
                if (declared.isEmpty()) {
                    out.add(warn(service, what + " has master " + masterEp.get()
                            + ", which no declared shard contains", fix));
                } else if (shard.slots().isEmpty() && !declared.get().get(0).equals(masterEp.get())) {
                    out.add(warn(service, masterEp.get() + " is a master without slots, inventory declares it a replica of "
                            + declared.get().get(0), "make it a replica again (CLUSTER REPLICATE) or update `shards:`"));
                } else if (!declared.get().get(0).equals(masterEp.get())) {
                    out.add(warn(service, what + " has master " + masterEp.get() + ", inventory says "
                            + declared.get().get(0), fix));
                }
            }
            for (ClusterView.Replica r : shard.replicas()) {
                Optional<Endpoint> ep = addresses.endpoint(r.node().address());
                if (ep.isEmpty()) {
                    out.add(warn(service, "replica " + r.node().address() + " of " + addresses.name(master)
                            + " is not in the inventory", "add it to `instances:` and " + fix));
                    continue;
                }
                seen.add(ep.get());
                Optional<List<Endpoint>> declared = declaredShardOf(service, ep.get());
                if (masterEp.isPresent() && declared.isPresent() && !declared.get().contains(masterEp.get())) {
                    out.add(warn(service, "replica " + ep.get() + " replicates " + masterEp.get()
                            + ", inventory puts it in the shard of " + declared.get().get(0), fix));
                }
            }
        }
        for (Endpoint e : service.instances()) {
            if (!seen.contains(e)) {
                out.add(warn(service, e + " (" + addresses.live(e) + ") is in the inventory but not in the cluster"
                        + " as seen from " + view.observer(), "remove it from " + service.name()
                        + " or add it to the cluster (CLUSTER MEET)"));
            }
        }
        return List.copyOf(out);
    }

    private static Optional<List<Endpoint>> declaredShardOf(RedisClusterService service, Endpoint e) {
        return service.shards().stream().filter(s -> s.contains(e)).findFirst();
    }

    private static String liveShardLine(ClusterView.Shard shard, ClusterAddresses addresses) {
        List<String> members = new ArrayList<>();
        members.add(addresses.name(shard.master()));
        shard.replicas().forEach(r -> members.add(addresses.name(r.node())));
        return members.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    private static Diagnostic warn(RedisClusterService service, String message, String fix) {
        return new Diagnostic(service.position(), Severity.WARNING, RULE, List.of(), service.name(),
                service.name() + ": " + message, fix);
    }
}
