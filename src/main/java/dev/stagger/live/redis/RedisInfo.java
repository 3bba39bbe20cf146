package dev.stagger.live.redis;

import java.util.List;

/**
 * The fields of {@code INFO} that the live rules read (replication, persistence, memory, server).
 *
 * @param master             true for {@code role:master}
 * @param masterHost         a replica's master address as it reports it (null for a master)
 * @param masterLinkStatus   {@code up} or {@code down} (null for a master)
 * @param replOffset         {@code master_repl_offset} for a master, {@code slave_repl_offset} for a replica
 * @param replicas           a master's {@code slaveN} lines
 * @param totalSystemMemory  the host's memory, used when {@code maxmemory} is 0
 * @param minReplicasMaxLag  {@code min-replicas-max-lag} (CONFIG GET), -1 when not known
 * @param maxmemoryPolicy    {@code maxmemory_policy} (INFO memory), null when not reported
 * @param latestForkUsec     {@code latest_fork_usec} (INFO stats): how long the last fork blocked it, -1 when not reported
 * @param clusterNodeTimeout a cluster node's {@code cluster-node-timeout} in ms (CONFIG GET), -1 when not known
 * @param masterReplid2      {@code master_replid2}: the history it continued when promoted (all zeros if none)
 * @param secondReplOffset   {@code second_repl_offset}: the offset at which it left that history, -1 if none
 */
public record RedisInfo(
        boolean master,
        String masterHost,
        int masterPort,
        String masterLinkStatus,
        boolean masterSyncInProgress,
        long replOffset,
        long masterReplOffset,
        List<ReplicaLink> replicas,
        boolean loading,
        boolean rdbBgsaveInProgress,
        boolean aofRewriteInProgress,
        boolean aofEnabled,
        long rdbChangesSinceLastSave,
        long usedMemory,
        long maxmemory,
        long totalSystemMemory,
        String version,
        int minReplicasToWrite,
        long keys,
        int connectedClients,
        boolean replBacklogActive,
        long replBacklogFirstByteOffset,
        int minReplicasMaxLag,
        String maxmemoryPolicy,
        long latestForkUsec,
        long clusterNodeTimeout,
        String masterReplid,
        String masterReplid2,
        long secondReplOffset) {

    /** {@code minReplicasToWrite} -1: not known (CONFIG GET refused, or not asked). */
    public RedisInfo(boolean master, String masterHost, int masterPort, String masterLinkStatus, boolean masterSyncInProgress,
                     long replOffset, long masterReplOffset, List<ReplicaLink> replicas, boolean loading,
                     boolean rdbBgsaveInProgress, boolean aofRewriteInProgress, boolean aofEnabled,
                     long rdbChangesSinceLastSave, long usedMemory, long maxmemory, long totalSystemMemory, String version) {
        this(master, masterHost, masterPort, masterLinkStatus, masterSyncInProgress, replOffset, masterReplOffset, replicas,
                loading, rdbBgsaveInProgress, aofRewriteInProgress, aofEnabled, rdbChangesSinceLastSave, usedMemory,
                maxmemory, totalSystemMemory, version, -1, -1, -1, false, -1, -1, null, -1, -1, null, null, -1);
    }

    /** One {@code slaveN:ip=..,port=..,state=online,offset=..,lag=..} line of a master. */
    public record ReplicaLink(String ip, int port, String state, long offset, long lagSeconds) {
        public boolean online() {
            return "online".equals(state);
        }
    }

    public boolean linkUp() {
        return "up".equals(masterLinkStatus);
    }

    /** The memory limit headroom is measured against: maxmemory, or the host's memory when unlimited. */
    public long memoryLimit() {
        return maxmemory > 0 ? maxmemory : totalSystemMemory;
    }

    /** Used memory as a percentage of {@link #memoryLimit()}, or -1 when unknown. */
    public double memoryPercent() {
        long limit = memoryLimit();
        return limit > 0 ? 100.0 * usedMemory / limit : -1;
    }
}
