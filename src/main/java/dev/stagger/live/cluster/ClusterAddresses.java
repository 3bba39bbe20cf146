package dev.stagger.live.cluster;

import dev.stagger.live.redis.Addresses;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Translates between the inventory's names ({@code r1:7000}) and the addresses the cluster announces
 * ({@code 10.0.1.10:7000}). Nodes announce IPs, the inventory may hold DNS names: {@code resolve}
 * turns a host's address into the IP the cluster would announce (identity in tests).
 */
public final class ClusterAddresses {
    private final Map<Endpoint, String> liveByEndpoint = new LinkedHashMap<>();
    private final Map<String, Endpoint> endpointByLive = new HashMap<>();

    private ClusterAddresses() {
    }

    public static ClusterAddresses of(Inventory inventory, RedisClusterService service, UnaryOperator<String> resolve) {
        ClusterAddresses a = new ClusterAddresses();
        Addresses inventoryAddresses = new Addresses(inventory);
        for (Endpoint e : service.instances()) {
            String address = inventoryAddresses.addressOf(e.host());
            String live = resolve.apply(address) + ":" + e.port();
            a.liveByEndpoint.put(e, live);
            a.endpointByLive.putIfAbsent(live, e);
        }
        return a;
    }

    /** {@code ip:port} of an inventory instance. */
    public String live(Endpoint e) {
        String s = liveByEndpoint.get(e);
        if (s == null) {
            throw new IllegalArgumentException(e + " is not an instance of this cluster in the inventory");
        }
        return s;
    }

    public Optional<Endpoint> endpoint(String liveAddress) {
        return Optional.ofNullable(endpointByLive.get(liveAddress));
    }

    /** The inventory name when known, else the live address: what messages show. */
    public String name(ClusterNode n) {
        return endpoint(n.address()).map(Endpoint::toString).orElse(n.address());
    }

    public Map<Endpoint, String> all() {
        return java.util.Collections.unmodifiableMap(liveByEndpoint);
    }
}
