package dev.stagger.model;

import java.util.List;

/** A service of the inventory: an app pool, a Redis replication group, a sentinel group or a Redis Cluster. */
public sealed interface Service
        permits AppService, RedisService, SentinelService, RedisClusterService {

    String name();

    List<Endpoint> instances();

    /** Services whose availability this one needs to start. */
    List<String> requires();

    Position position();

    /** The word used in the inventory's {@code kind:} field. */
    String kind();

    default boolean runsOn(String host) {
        return instances().stream().anyMatch(e -> e.host().equals(host));
    }
}
