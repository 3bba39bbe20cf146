package dev.stagger.model;

/** One service's instance on one host: the unit that goes down and comes back. */
public record Instance(String service, Endpoint endpoint) implements Comparable<Instance> {

    public String host() {
        return endpoint.host();
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
