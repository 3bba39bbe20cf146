package dev.stagger.live.cluster;

import dev.stagger.model.Endpoint;
import java.time.Duration;
import java.util.List;

/**
 * A confirmed cluster failover.
 *
 * @param alreadyDone the target was already master of the shard with the old master as its
 *                    replica (a resumed run): no command was sent, the state was verified
 * @param took        from the command to the last confirmation (zero when already done)
 */
public record ClusterFailoverResult(Endpoint newMaster, Endpoint oldMaster, List<SlotRange> slots,
                                    boolean alreadyDone, Duration took) {
}
