package dev.stagger.model;

/** One service's instance on one host: the unit that goes down and comes back. */
public record Instance(String service, Endpoint endpoint) implements Comparable<Instance> {

    public String host() {
        return endpoint.host();
    }

    /**
     * The record's own formula (31 * service + endpoint), written out: the generated one goes through
     * method handles that the launcher's C1-only JIT does not inline, and a 50,000-host plan hashes
     * instances millions of times. The same formula keeps every hash order as it was.
     */
    @Override
    public int hashCode() {
        return 31 * service.hashCode() + endpoint.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instance i && endpoint.equals(i.endpoint) && service.equals(i.service);
    }

    @Override
    public int compareTo(Instance o) {
        int c = service.compareTo(o.service);
        return c != 0 ? c : endpoint.compareTo(o.endpoint);
    }

    /** {@code cache@app1:6379}, or {@code api@app1} for an instance without a port. */
    @Override
    public String toString() {
        return service + "@" + endpoint;
    }
}
