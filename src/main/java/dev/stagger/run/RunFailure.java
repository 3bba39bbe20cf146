package dev.stagger.run;

import dev.stagger.model.ExitCode;

/**
 * A step failed: a hook exited non-zero, a wait timed out, or the cluster did something unexpected.
 * The run stops starting steps and exits 3; the journal records {@link #step()} and {@link #phase()}.
 * A {@linkplain #refused refusal} is the exception: a step that declined to act before changing
 * anything (a failover whose own checks failed) halts the run with exit 1, like a blocked gate.
 */
public class RunFailure extends RuntimeException {
    private final String step;
    private final String phase;
    private final boolean nothingChanged;

    public RunFailure(String step, String phase, String message) {
        this(step, phase, message, null);
    }

    public RunFailure(String step, String phase, String message, Throwable cause) {
        this(step, phase, message, cause, false);
    }

    private RunFailure(String step, String phase, String message, Throwable cause, boolean nothingChanged) {
        super(message, cause);
        this.step = step;
        this.phase = phase;
        this.nothingChanged = nothingChanged;
    }

    /** The step declined before it changed anything: the run halts with exit 1, nothing harmed. */
    public static RunFailure refused(String step, String phase, String message, Throwable cause) {
        return new RunFailure(step, phase, message, cause, true);
    }

    public String step() {
        return step;
    }

    public String phase() {
        return phase;
    }

    public boolean nothingChanged() {
        return nothingChanged;
    }

    public int exitCode() {
        return nothingChanged ? ExitCode.UNSAFE : ExitCode.RUN_FAILED;
    }
}
