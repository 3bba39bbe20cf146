package dev.stagger.live.redis;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.Inventory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates between the inventory's names ({@code app1:6379}) and the addresses Redis and
 * sentinels report ({@code 10.0.1.10:6379}). Hosts may share an address (a lab on 127.0.0.1), so
 * the port is always part of the key.
 */
public final class Addresses {
    private final Inventory inventory;
    private final Map<String, Endpoint> byAddress = new HashMap<>();
    private final Map<String, String> resolved = new ConcurrentHashMap<>();

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

    /**
     * The endpoint among {@code candidates} listening at a reported IP and port: by the inventory's
     * address first, then by that address resolved (the inventory may hold DNS names, Redis reports IPs).
     */
    public Optional<Endpoint> endpointAt(String ip, int port, Collection<Endpoint> candidates) {
        for (Endpoint e : candidates) {
            if (e.port() == port && addressOf(e.host()).equals(ip)) {
                return Optional.of(e);
            }
        }
        for (Endpoint e : candidates) {
            if (e.port() == port && ip.equals(ipOf(addressOf(e.host())))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** True when the reported IP and port are this endpoint. */
    public boolean is(Endpoint e, String ip, int port) {
        return endpointAt(ip, port, List.of(e)).isPresent();
    }

    /** {@code app2:6380} when among {@code candidates}, else {@code 10.0.0.9:6380 (not in the inventory)}. */
    public String describe(String ip, int port, Collection<Endpoint> candidates) {
        return endpointAt(ip, port, candidates).map(Endpoint::toString).orElse(ip + ":" + port + " (not in the inventory)");
    }

    /** An address's IP, looked up once; the address itself when it does not resolve. */
    private String ipOf(String address) {
        return resolved.computeIfAbsent(address, a -> {
            try {
                return InetAddress.getByName(a).getHostAddress();
            } catch (UnknownHostException | SecurityException ex) {
                return a;
            }
        });
    }

    /** {@code app2:6380} when known, else the raw address: what messages show. */
    public String describe(String ip, int port) {
        return endpointAt(ip, port).map(Endpoint::toString).orElse(ip + ":" + port + " (not in the inventory)");
    }
}
