package dev.stagger.plan;

import java.util.Objects;

/** An ordering edge of the planned graph: {@code to} starts only after {@code from} is complete. */
public record Edge(String from, String to) {

    /**
     * The record's own formula (31 * from + to), written out as {@code Instance} does: the generated
     * one goes through method handles the launcher's C1-only JIT does not inline, and writing a
     * 50,000-host plan looks up every edge's reason.
     */
    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(from) + Objects.hashCode(to);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Edge e && Objects.equals(to, e.to) && Objects.equals(from, e.from);
    }
}
