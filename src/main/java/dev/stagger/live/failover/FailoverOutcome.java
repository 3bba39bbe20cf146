package dev.stagger.live.failover;

import dev.stagger.model.Endpoint;
import java.time.Duration;
import java.util.List;

/**
 * A verified failover.
 *
 * @param actions       what was done to the cluster, in order, for the journal
 * @param noWritableMaster from the moment writes stopped being accepted on the old master until the new
 *                      master accepted the test write: the longest a client could not write (its own
 *                      reconnection comes on top)
 * @param total         the whole failover, checks and verification included
 * @param warnings      things an operator should know that did not make the failover unsafe
 */
public record FailoverOutcome(
        FailoverMethod method,
        Endpoint oldMaster,
        Endpoint newMaster,
        List<String> actions,
        Duration noWritableMaster,
        Duration total,
        List<String> warnings) {

    public FailoverOutcome {
        actions = List.copyOf(actions);
        warnings = List.copyOf(warnings);
    }
}
