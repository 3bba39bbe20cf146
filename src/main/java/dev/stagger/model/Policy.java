package dev.stagger.model;

/**
 * Cluster-wide safety policy.
 *
 * @param maxDownDcs              at most this many DCs may have instances down at once; null means no limit
 * @param maxLagBytes             a replica further behind than this (replication offset) is not in sync
 * @param memoryHeadroomPercent   a new master may use at most this share of its memory limit
 */
public record Policy(Integer maxDownDcs, long maxLagBytes, int memoryHeadroomPercent) {
    public static final long DEFAULT_MAX_LAG = 1024 * 1024;
    public static final int DEFAULT_MEMORY_HEADROOM = 80;
    public static final Policy STANDARD = new Policy(null, DEFAULT_MAX_LAG, DEFAULT_MEMORY_HEADROOM);
}
