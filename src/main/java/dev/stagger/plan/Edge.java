package dev.stagger.plan;

/** An ordering edge of the planned graph: {@code to} starts only after {@code from} is complete. */
public record Edge(String from, String to) {
}
