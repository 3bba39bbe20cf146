package dev.stagger.run;

import dev.stagger.model.Step;
import dev.stagger.model.StepAction;

/**
 * Moves a Redis master (or a cluster shard's master) to a replica and verifies the move: the new
 * master says master and accepts a write, the old one replicates from it with link up, every
 * sentinel agrees. Implementations throw {@link RunFailure} when the move fails or cannot be verified.
 */
public interface FailoverAction {
    /** Performs the failover and returns only once it is verified. */
    void failover(Step step, StepAction.Failover action, ProgressListener progress);

    /**
     * On resume, for a failover that the journal shows started but not finished: true when the
     * cluster already looks as the failover leaves it (verified), so it is not repeated blindly.
     */
    boolean alreadyDone(Step step, StepAction.Failover action);
}
