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
