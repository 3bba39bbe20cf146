package dev.stagger.live.cluster;

import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An inventory for the captured cluster: hosts r1..r6 on 127.0.0.1, node rN on port 1700N. */
final class ClusterFixtures {
    private ClusterFixtures() {
    }

    static Endpoint r(int n) {
        return Endpoint.of("r" + n, 17000 + n);
    }

    /** @param shards each as node numbers, master first */
    static Inventory inventory(int[]... shards) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        List<Endpoint> instances = new ArrayList<>();
        List<List<Endpoint>> shardList = new ArrayList<>();
        for (int[] shard : shards) {
            List<Endpoint> s = new ArrayList<>();
            for (int n : shard) {
                hosts.put("r" + n, new Host("r" + n, "dc" + ((n - 1) % 3 + 1), "127.0.0.1", HostState.UP, Position.NONE));
                instances.add(r(n));
                s.add(r(n));
            }
            shardList.add(s);
        }
        Map<String, Service> services = new LinkedHashMap<>();
        services.put("sessions", new RedisClusterService("sessions", instances, shardList, Auth.NONE, List.of(),
                new Position("inventory.yaml", 12, 3)));
        return new Inventory("test", "inventory.yaml", Defaults.STANDARD, Policy.STANDARD, hosts, services);
    }

    static RedisClusterService service(Inventory inv) {
        return (RedisClusterService) inv.service("sessions").orElseThrow();
    }

    static ClusterAddresses addresses(Inventory inv) {
        return ClusterAddresses.of(inv, service(inv), a -> a);
    }
}
