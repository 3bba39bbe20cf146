package dev.stagger.live.failover;

/** How the master was moved. */
public enum FailoverMethod {
    /** {@code SENTINEL FAILOVER}, steered to the target with {@code replica-priority}. */
    SENTINEL,
    /** {@code FAILOVER TO host port} on the master (Redis 6.2 and later, no sentinels). */
    FAILOVER_COMMAND
}
