package dev.stagger.live.cluster;

import java.util.List;
import java.util.Set;

/**
 * One line of CLUSTER NODES: how one node sees one member of the cluster.
 *
 * @param ip         the announced address; empty for a node flagged {@code noaddr}
 * @param hostname   the announced hostname (Redis 7), or null
 * @param flags      {@code myself}, {@code master}, {@code slave}, {@code fail}, {@code fail?},
 *                   {@code handshake}, {@code noaddr}, {@code nofailover}, {@code noflags}
 * @param masterId   for a replica, its master's node id; null for a master
 * @param slots      the slots it serves (masters only); importing/migrating markers are left out
 */
public record ClusterNode(
        String id,
        String ip,
        int port,
        int busPort,
        String hostname,
        Set<String> flags,
        String masterId,
        long configEpoch,
        boolean linkConnected,
        List<SlotRange> slots) {

    public boolean isMyself() {
        return flags.contains("myself");
    }

    public boolean isMaster() {
        return flags.contains("master");
    }

    public boolean isReplica() {
        return flags.contains("slave");
    }

    /** Failure agreed by a majority of masters. */
    public boolean isFailed() {
        return flags.contains("fail");
    }

    /** Failure suspected by the observing node only ({@code fail?}). */
    public boolean isSuspectedFailed() {
        return flags.contains("fail?");
    }

    public boolean isHandshake() {
        return flags.contains("handshake");
    }

    public boolean hasNoAddress() {
        return flags.contains("noaddr") || ip.isEmpty();
    }

    /** {@code ip:port}, the address clients and the inventory use. */
    public String address() {
        return ip + ":" + port;
    }
}
