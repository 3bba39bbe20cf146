package dev.stagger.live;

import java.util.List;

/**
 * One Redis Cluster in {@code stagger status}: its state and slot coverage, then shard by shard
 * the live master, its replicas and how they stand against the declared shards.
 *
 * @param state        {@code cluster_state} as the observer reports it, or null when no node answered
 * @param coveredSlots slots with a master (16384 when complete)
 * @param missingSlots the slot ranges without a master, or null when every slot has one
 * @param observer     the node whose CLUSTER NODES this is
 * @param reason       why there is no view (null when there is one)
 */
public record ClusterSummary(String service, String state, int coveredSlots, String missingSlots, String observer,
                             List<Shard> shards, String reason) {

    /**
     * @param flags fail / fail? flags of the master, or null
     * @param drift how it differs from the declared shards, or null
     */
    public record Shard(String slots, String master, String flags, List<Replica> replicas, String drift) {
    }

    /** @param link {@code up}, {@code down} or {@code syncing}; lagBytes null when unknown */
    public record Replica(String instance, String link, Long lagBytes, String flags) {
    }
}
