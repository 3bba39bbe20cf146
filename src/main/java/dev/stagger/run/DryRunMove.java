package dev.stagger.run;

import dev.stagger.model.Endpoint;

/**
 * A failover a dry run pretended to do: {@code service}'s master (for a Redis Cluster, the master of
 * the shard {@code newMaster} belongs to) moved to {@code newMaster}. The live adapter applies these,
 * in order, to what it probes, so that later gates see the cluster a real run would have made.
 */
public record DryRunMove(String service, Endpoint newMaster) {
}
