package dev.stagger.live.lock;

import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import java.util.Optional;

/**
 * Which Redis group holds the run lock: {@code policy.lock_group}; else the first Sentinel-managed
 * redis group (a failover keeps its data and its sentinels name the master), then the first plain
 * redis group, then the first redis-cluster. None when the inventory names a lock file or has no Redis.
 */
final class LockGroup {
    private LockGroup() {
    }

    static Optional<Service> of(Inventory inventory) {
        if (inventory.policy().lockFile() != null) {
            return Optional.empty();
        }
        if (inventory.policy().lockGroup() != null) {
            return inventory.service(inventory.policy().lockGroup())
                    .filter(s -> s instanceof RedisService || s instanceof RedisClusterService);
        }
        Optional<Service> sentinelManaged = inventory.services().values().stream()
                .filter(s -> s instanceof RedisService r && r.sentinel() != null).findFirst();
        if (sentinelManaged.isPresent()) {
            return sentinelManaged;
        }
        Optional<Service> plain = inventory.services().values().stream().filter(s -> s instanceof RedisService).findFirst();
        if (plain.isPresent()) {
            return plain;
        }
        return inventory.services().values().stream().filter(s -> s instanceof RedisClusterService).findFirst();
    }

    /** {@code stagger:lock:{lab}}: the braces are a Redis Cluster hash tag, so the key and its fence counter share a slot. */
    static String key(String cluster) {
        return "stagger:lock:{" + tag(cluster) + "}";
    }

    /** The fencing counter: never expires, so tokens only grow. */
    static String fenceKey(String cluster) {
        return "stagger:lock-fence:{" + tag(cluster) + "}";
    }

    private static String tag(String cluster) {
        return cluster.replace('{', '_').replace('}', '_');
    }
}
