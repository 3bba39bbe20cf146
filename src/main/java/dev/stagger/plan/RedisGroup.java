package dev.stagger.plan;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import java.util.List;

/**
 * One unit that has a single master: a Redis replication group, or one shard of a Redis Cluster.
 * Steps on one group are serialised, and its master must move before a step takes it down.
 *
 * @param service  the redis or redis-cluster service
 * @param shard    true for a cluster shard (failovers then name {@code shard:})
 * @param master   the declared master
 * @param sentinel the sentinel group that authorises its failovers, or null
 */
record RedisGroup(String service, boolean shard, List<Endpoint> instances, Endpoint master, String sentinel) {

    /** How reasons name it: {@code cache}, or {@code sessions shard r1:7000}. */
    String label() {
        return shard ? service + " shard " + master : service;
    }

    Instance instance(Endpoint e) {
        return new Instance(service, e);
    }

    boolean contains(Instance i) {
        return i.service().equals(service) && instances.contains(i.endpoint());
    }
}
