package dev.stagger.live.failover;

/** Where to connect: an address (IP or DNS name) and a port. */
record NodeAddress(String address, int port) {
    @Override
    public String toString() {
        return address + ":" + port;
    }
}
