package dev.stagger.live.failover;

import dev.stagger.live.redis.Addresses;
import dev.stagger.model.Endpoint;

/** Where to connect: an address (IP or DNS name) and a port. */
record NodeAddress(String address, int port) {
    /** Where an inventory endpoint listens: its host's address (or the host name when it has none). */
    static NodeAddress of(Addresses addresses, Endpoint e) {
        return new NodeAddress(addresses.addressOf(e.host()), e.port());
    }

    @Override
    public String toString() {
        return address + ":" + port;
    }
}
