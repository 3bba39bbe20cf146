package dev.stagger.check;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of Redis instances with exactly one master: a replication group, or one shard of a Redis
 * Cluster.
 *
 * @param shard the shard's index in the cluster (0-based), or -1 for a replication group
 */
record ReplicaGroup(String service, int shard, List<Endpoint> members, Endpoint declaredMaster) {

    static List<ReplicaGroup> of(Inventory inventory) {
        List<ReplicaGroup> out = new ArrayList<>();
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisService r && r.master() != null) {
                out.add(new ReplicaGroup(r.name(), -1, r.instances(), r.master()));
            } else if (s instanceof RedisClusterService c) {
                for (int i = 0; i < c.shards().size(); i++) {
                    List<Endpoint> shard = c.shards().get(i);
                    if (!shard.isEmpty()) {
                        out.add(new ReplicaGroup(c.name(), i, shard, shard.get(0)));
                    }
                }
            }
        }
        return out;
    }

    boolean isShard() {
        return shard >= 0;
    }

    Instance instance(Endpoint e) {
        return new Instance(service, e);
    }

    boolean contains(Instance x) {
        return x.service().equals(service) && members.contains(x.endpoint());
    }

    /** {@code cache}, or {@code sessions shard 2 (r2:7000)} named by its declared master. */
    String label() {
        return isShard() ? service + " shard " + (shard + 1) + " (declared master " + declaredMaster + ")" : service;
    }

    /** How a plan step names it: the service, plus {@code shard:} for a cluster. */
    String failoverSpec(Endpoint currentMaster, Endpoint to) {
        String s = "`failover: " + service + "`";
        if (isShard()) {
            s += " with `shard: " + currentMaster + "`";
            return to == null ? s : s + " and `to: " + to + "`";
        }
        return to == null ? s : s + " with `to: " + to + "`";
    }
}
