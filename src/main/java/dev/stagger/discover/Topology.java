package dev.stagger.discover;

import java.time.Instant;
import java.util.List;

/**
 * What discovery read from the live nodes, before any naming: addresses exactly as Redis reported them.
 *
 * @param sources what was asked, for the file's header ({@code sentinel 10.0.0.5:26379})
 * @param cluster the Redis Cluster read, or null
 */
public record Topology(Instant at, List<String> sources, List<SentinelMaster> sentinelMasters, Cluster cluster) {

    /**
     * One master as a sentinel group monitors it.
     *
     * @param sentinels every sentinel of the group: the one asked and those it knows
     * @param notes     anything odd worth a comment (flags such as {@code s_down})
     */
    public record SentinelMaster(String name, NetAddress master, List<NetAddress> replicas, int quorum,
                                 List<NetAddress> sentinels, List<String> notes) {
    }

    /** @param shards master first, in slot order */
    public record Cluster(NetAddress seed, List<Shard> shards, List<String> notes) {
    }

    /** @param slots as CLUSTER NODES writes them ({@code 0-5460}), or {@code no slots} */
    public record Shard(List<NetAddress> members, String slots) {
        public NetAddress master() {
            return members.get(0);
        }
    }
}
