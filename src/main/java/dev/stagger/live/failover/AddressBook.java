package dev.stagger.live.failover;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.Inventory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Translates between the inventory's names and what Redis reports. Redis and sentinels speak in IP
 * addresses ({@code ROLE}, {@code get-master-addr-by-name}); the inventory speaks in host names, and
 * several hosts may share one address (a lab on 127.0.0.1), so an instance is known by its
 * (address, port) pair, never by the address alone.
 */
final class AddressBook {
    private final Inventory inventory;
    /** Resolved IPs of host addresses written as DNS names, looked up once. */
    private final Map<String, String> resolved = new HashMap<>();

    AddressBook(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Where an inventory endpoint listens: its host's address (or the host name when it has none). */
    NodeAddress addressOf(Endpoint e) {
        String address = inventory.host(e.host()).map(Host::address).filter(a -> !a.isBlank()).orElse(e.host());
        return new NodeAddress(address, e.port());
    }

    /** The endpoint among {@code candidates} listening at the reported IP and port. */
    Optional<Endpoint> endpointAt(String ip, int port, Collection<Endpoint> candidates) {
        for (Endpoint e : candidates) {
            if (e.port() == port && addressOf(e).address().equals(ip)) {
                return Optional.of(e);
            }
        }
        for (Endpoint e : candidates) {
            if (e.port() == port && ip.equals(ipOf(addressOf(e).address()))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** True when the reported IP and port are this endpoint. */
    boolean is(Endpoint e, String ip, int port) {
        return endpointAt(ip, port, java.util.List.of(e)).isPresent();
    }

    /** {@code app2:6380} when known, else {@code 10.0.0.9:6380 (not in the inventory)}. */
    String describe(String ip, int port, Collection<Endpoint> candidates) {
        return endpointAt(ip, port, candidates).map(Endpoint::toString)
                .orElse(ip + ":" + port + " (not in the inventory)");
    }

    private String ipOf(String address) {
        return resolved.computeIfAbsent(address, a -> {
            try {
                return InetAddress.getByName(a).getHostAddress();
            } catch (UnknownHostException ex) {
                return a;
            }
        });
    }
}
