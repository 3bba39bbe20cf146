package dev.stagger.model;

/**
 * An instance's place: a host name from the inventory and, for network services, a port.
 * Port 0 means "the host itself" (an app instance written without a port).
 */
public record Endpoint(String host, int port) implements Comparable<Endpoint> {
    public static Endpoint of(String host, int port) {
        return new Endpoint(host, port);
    }

    public boolean hasPort() {
        return port > 0;
    }

    /** The record's own formula (31 * host + port), written out: see {@link Instance#hashCode}. */
    @Override
    public int hashCode() {
        return 31 * host.hashCode() + port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && port == e.port && host.equals(e.host);
    }

    @Override
    public int compareTo(Endpoint o) {
        int c = host.compareTo(o.host);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    @Override
    public String toString() {
        return hasPort() ? host + ":" + port : host;
    }
}
