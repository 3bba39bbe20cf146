package dev.stagger.plan;

/** An ordering edge of the planned graph: {@code to} starts only after {@code from} is complete. */
public record Edge(String from, String to) {
    /**
     * The record's own formula (31 * from + to), written out: the generated one goes through method
     * handles that the launcher's C1-only JIT does not inline, and a large plan hashes an edge per
     * added edge when it is planned and again when it is written.
     */
    @Override
    public int hashCode() {
        return 31 * from.hashCode() + to.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Edge e && from.equals(e.from) && to.equals(e.to);
    }
}
