package dev.stagger.model;

/** {@code min_healthy}: a count, or a percentage of the pool rounded up. */
public record MinHealthy(int value, boolean percent) {
    public static final MinHealthy ONE = new MinHealthy(1, false);

    /** How many of {@code total} instances must stay healthy. */
    public int required(int total) {
        if (!percent) {
            return value;
        }
        return (int) Math.ceil(total * (value / 100.0) - 1e-9);
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
