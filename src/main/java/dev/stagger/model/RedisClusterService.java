package dev.stagger.model;

import java.util.List;

/**
 * A Redis Cluster.
 *
 * @param shards each shard's instances, its declared master first; {@code --live} reads CLUSTER NODES instead
 */
public record RedisClusterService(
        String name,
        List<Endpoint> instances,
        List<List<Endpoint>> shards,
        Auth auth,
        List<String> requires,
        Position position) implements Service {

    @Override
    public String kind() {
        return "redis-cluster";
    }
}
