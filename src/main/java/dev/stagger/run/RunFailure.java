package dev.stagger.run;

/**
 * A step failed: a hook exited non-zero, a wait timed out, or the cluster did something unexpected.
 * The run stops starting steps and exits 3; the journal records {@link #step()} and {@link #phase()}.
 */
public class RunFailure extends RuntimeException {
    private final String step;
    private final String phase;

    public RunFailure(String step, String phase, String message) {
        this(step, phase, message, null);
    }

    public RunFailure(String step, String phase, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.phase = phase;
    }

    public String step() {
        return step;
    }

    public String phase() {
        return phase;
    }
}
