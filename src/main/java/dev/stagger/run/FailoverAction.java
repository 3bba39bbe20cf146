package dev.stagger.run;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Moves a Redis master (or a cluster shard's master) to a replica and verifies the move: the new
 * master says master and accepts a write, the old one replicates from it with link up, every
 * sentinel agrees. Implementations throw {@link RunFailure} when the move fails or cannot be
 * verified ({@link RunFailure#refused} when nothing was changed).
 *
 * <p>The target is resolved first and journaled before anything is done, so that a resumed run
 * knows which replica the interrupted failover was promoting: "already done" means "that replica
 * is the verified master", which cannot be answered without knowing which one was meant.
 */
public interface FailoverAction {
    /**
     * The replica to promote, from live state now: {@code to:}, or the best in-sync replica.
     *
     * @param downNow the instances other steps of this run have down (or are taking down) now: never
     *                chosen, since a replica promoted while a concurrent step stops it leaves the group
     *                without a master
     */
    Endpoint target(Step step, StepAction.Failover action, Set<Instance> downNow);

    /**
     * Performs the failover and returns only once it is verified.
     *
     * @param progress one line per action and wait, for the person watching
     * @return what was done to the cluster, in order, for the journal
     */
    List<String> failover(Step step, StepAction.Failover action, Endpoint target, Consumer<String> progress);

    /**
     * On resume, for a failover that the journal shows started but not finished: true when
     * {@code target} is already the master and the move verified, so it is not repeated blindly.
     */
    boolean alreadyDone(Step step, StepAction.Failover action, Endpoint target);
}
