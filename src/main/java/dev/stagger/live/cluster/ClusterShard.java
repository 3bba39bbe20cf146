package dev.stagger.live.cluster;

import java.util.List;

/**
 * One entry of CLUSTER SHARDS (Redis 7.0+): a shard's slots and members, each with the
 * replication offset and health the answering node last heard.
 */
public record ClusterShard(List<SlotRange> slots, List<Member> members) {

    /** @param health {@code online}, {@code failed} or {@code loading} */
    public record Member(String id, String ip, int port, String hostname, String role, long replicationOffset,
                         String health) {
        public boolean isMaster() {
            return "master".equals(role);
        }

        public String address() {
            return ip + ":" + port;
        }
    }
}
