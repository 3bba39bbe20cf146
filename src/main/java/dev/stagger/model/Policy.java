package dev.stagger.model;

import java.nio.file.Path;

/**
 * Cluster-wide safety policy.
 *
 * @param maxDownDcs              at most this many DCs may have instances down at once; null means no limit
 * @param maxLagBytes             a replica further behind than this (replication offset) is not in sync
 * @param memoryHeadroomPercent   a new master may use at most this share of its memory limit
 * @param lockGroup               the redis or redis-cluster service that holds the run lock; null means the
 *                                default (the first Sentinel-managed redis group, else the first redis group)
 * @param lockFile                {@code lock: file:PATH}: the run lock is this file instead (resolved against
 *                                the inventory's directory); null means the lock lives in Redis
 * @param clusterQuiet            no step touches a Redis Cluster while any of its nodes forks (a BGSAVE, an AOF
 *                                rewrite, a full sync): default true
 */
public record Policy(Integer maxDownDcs, long maxLagBytes, int memoryHeadroomPercent, String lockGroup, Path lockFile,
                     boolean clusterQuiet) {
    public static final long DEFAULT_MAX_LAG = 1024 * 1024;
    public static final int DEFAULT_MEMORY_HEADROOM = 80;
    public static final Policy STANDARD = new Policy(null, DEFAULT_MAX_LAG, DEFAULT_MEMORY_HEADROOM, null, null, true);

    public Policy(Integer maxDownDcs, long maxLagBytes, int memoryHeadroomPercent) {
        this(maxDownDcs, maxLagBytes, memoryHeadroomPercent, null, null, true);
    }
}
