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
    /** What the promoted master answered to the verification write, when that is why it failed; else null. */
    private final String writeRefusal;

    private FailoverException(int exitCode, String message, boolean clusterChanged, Throwable cause) {
        this(exitCode, message, clusterChanged, cause, null);
    }

    private FailoverException(int exitCode, String message, boolean clusterChanged, Throwable cause, String writeRefusal) {
        super(exitCode, message, cause);
        this.clusterChanged = clusterChanged;
        this.writeRefusal = writeRefusal;
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

    /**
     * The switch happened, but the new master did not accept the verification write in time: the one
     * failure after which going back to the old master (see {@link FailBack}) is the way out.
     *
     * @param refusal what the new master answered to the write, e.g. {@code NOREPLICAS Not enough good replicas to write.}
     */
    public static FailoverException writesRefused(String message, String refusal) {
        return new FailoverException(ExitCode.RUN_FAILED, "failover failed: " + message, true, null, refusal);
    }

    /** What the new master answered to the verification write, when it refused it (see {@link #writesRefused}). */
    public java.util.Optional<String> writeRefusal() {
        return java.util.Optional.ofNullable(writeRefusal);
    }

    /** True when the cluster may differ from before the attempt (a failure, not a refusal). */
    public boolean clusterChanged() {
        return clusterChanged;
    }
}
