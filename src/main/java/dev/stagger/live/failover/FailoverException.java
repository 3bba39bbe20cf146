package dev.stagger.live.failover;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;

/**
 * A planned failover that did not happen or could not be verified. The message says what was seen,
 * what was expected and what to check; it never contains a password.
 *
 * <p>Two kinds, because they call for different exits: a <em>refusal</em> comes before anything
 * was changed (the run halts at a safety gate with nothing harmed: exit 1); a <em>failure</em>
 * comes after the cluster was touched, so an operator must look (exit 3).
 */
public final class FailoverException extends StaggerException {
    private final boolean clusterChanged;

    private FailoverException(int exitCode, String message, boolean clusterChanged, Throwable cause) {
        super(exitCode, message, cause);
        this.clusterChanged = clusterChanged;
    }

    /** Nothing was changed: the failover was not attempted. */
    public static FailoverException refused(String message) {
        return new FailoverException(ExitCode.UNSAFE, "failover refused: " + message, false, null);
    }

    /** The cluster was touched and did not reach the expected state. */
    public static FailoverException failed(String message) {
        return new FailoverException(ExitCode.RUN_FAILED, "failover failed: " + message, true, null);
    }

    public static FailoverException failed(String message, Throwable cause) {
        return new FailoverException(ExitCode.RUN_FAILED, "failover failed: " + message, true, cause);
    }

    /** True when the cluster may differ from before the attempt (a failure, not a refusal). */
    public boolean clusterChanged() {
        return clusterChanged;
    }
}
