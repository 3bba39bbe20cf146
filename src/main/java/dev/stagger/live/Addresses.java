package dev.stagger.live;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.Inventory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Translates between the inventory's names ({@code app1:6379}) and the addresses Redis and
 * sentinels report ({@code 10.0.1.10:6379}). Hosts may share an address (a lab on 127.0.0.1), so
 * the port is always part of the key.
 */
public final class Addresses {
    private final Inventory inventory;
    private final Map<String, Endpoint> byAddress = new HashMap<>();

    public Addresses(Inventory inventory) {
        this.inventory = inventory;
        for (var i : inventory.allInstances()) {
            byAddress.putIfAbsent(of(i.endpoint()), i.endpoint());
        }
    }

    /** The host's address from the inventory (its name when the host is not declared). */
    public String addressOf(String host) {
        return inventory.host(host).map(Host::address).filter(a -> a != null && !a.isBlank()).orElse(host);
    }

    /** {@code address:port}. */
    public String of(Endpoint e) {
        return addressOf(e.host()) + ":" + e.port();
    }

    /** The inventory endpoint at a reported address, if any. */
    public Optional<Endpoint> endpointAt(String ip, int port) {
        return Optional.ofNullable(byAddress.get(ip + ":" + port));
    }

    /** {@code app2:6380} when known, else the raw address: what messages show. */
    public String describe(String ip, int port) {
        return endpointAt(ip, port).map(Endpoint::toString).orElse(ip + ":" + port + " (not in the inventory)");
    }
}
