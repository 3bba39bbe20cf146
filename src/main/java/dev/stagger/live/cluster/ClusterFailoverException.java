package dev.stagger.live.cluster;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;

/**
 * A cluster failover that was refused before it started (exit 1: nothing was changed) or that was
 * started and not confirmed (exit 3: the cluster may be mid-change; the message says what to check).
 */
public final class ClusterFailoverException extends StaggerException {
    /** Where it stopped. */
    public enum Phase {
        /** Checks before the command: nothing was sent. */
        PRECONDITION,
        /** The node rejected CLUSTER FAILOVER: nothing happened. */
        COMMAND,
        /** The command was accepted but the nodes did not agree on the new master in time. */
        CONFIRMATION,
        /** The new master did not accept or replicate a test write. */
        TEST_WRITE
    }

    private final Phase phase;

    public ClusterFailoverException(Phase phase, String message) {
        super(phase == Phase.PRECONDITION || phase == Phase.COMMAND ? ExitCode.UNSAFE : ExitCode.RUN_FAILED, message);
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }

    /** True when nothing in the cluster was changed. */
    public boolean nothingChanged() {
        return phase == Phase.PRECONDITION || phase == Phase.COMMAND;
    }
}
