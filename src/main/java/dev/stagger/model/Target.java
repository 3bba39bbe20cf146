package dev.stagger.model;

/**
 * One resolved unit of a step's targets: a whole host ({@code service == null}) or one service's
 * instances on a host ({@code cache@app1}). Hooks run once per target.
 */
public record Target(String host, String service) implements Comparable<Target> {
    public static Target host(String host) {
        return new Target(host, null);
    }

    public boolean isWholeHost() {
        return service == null;
    }

    @Override
    public int compareTo(Target o) {
        int c = host.compareTo(o.host);
        if (c != 0) {
            return c;
        }
        if (service == null) {
            return o.service == null ? 0 : -1;
        }
        return o.service == null ? 1 : service.compareTo(o.service);
    }

    @Override
    public String toString() {
        return service == null ? host : service + "@" + host;
    }
}
