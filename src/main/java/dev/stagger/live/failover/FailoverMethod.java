package dev.stagger.live.failover;

/** How the master was moved. */
public enum FailoverMethod {
    /** {@code SENTINEL FAILOVER}, steered to the target with {@code replica-priority}. */
    SENTINEL,
    /**
     * No sentinels: the steps of {@code FAILOVER TO} made by hand ({@code CLIENT PAUSE WRITE},
     * {@code REPLICAOF NO ONE}, {@code REPLICAOF}; Redis 6.2 and later). The name is kept for the journal.
     */
    FAILOVER_COMMAND
}
