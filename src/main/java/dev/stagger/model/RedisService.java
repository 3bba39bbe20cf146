package dev.stagger.model;

import java.util.List;

/**
 * One Redis replication group: a master and its replicas.
 *
 * @param master     the declared master; {@code --live} and {@code run} read ROLE instead
 * @param sentinel   the sentinel group that fails it over, or null to use the FAILOVER command
 * @param masterName the name the sentinels monitor it under
 */
public record RedisService(
        String name,
        List<Endpoint> instances,
        Endpoint master,
        String sentinel,
        String masterName,
        Auth auth,
        List<String> requires,
        Position position) implements Service {

    @Override
    public String kind() {
        return "redis";
    }
}
