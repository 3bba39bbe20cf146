package dev.stagger.live.lock;

import dev.stagger.live.redis.Addresses;
import dev.stagger.live.redis.ClientConfigs;
import dev.stagger.live.redis.Credentials;
import dev.stagger.live.RoleReply;
import dev.stagger.live.cluster.ClusterNode;
import dev.stagger.live.cluster.ClusterNodesParser;
import dev.stagger.model.Auth;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import dev.stagger.run.LockStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Finds the lock group's master as it is now, never from the inventory's declaration alone: the
 * address most sentinels give ({@code get-master-addr-by-name}), the one instance whose ROLE says
 * master, or the master of the lock key's slot in CLUSTER NODES; each confirmed by its own ROLE.
 */
final class LockMaster {
    /** A connection to the master, its name for messages, whether the group has replicas and how many are connected now. */
    record Found(Jedis jedis, String label, boolean hasReplicas, int connectedReplicas) implements AutoCloseable {
        @Override
        public void close() {
            jedis.close();
        }
    }

    private final Inventory inventory;
    private final Service group;
    private final String key;
    private final Function<String, String> env;
    private final Duration timeout;
    private final Addresses addresses;

    LockMaster(Inventory inventory, Service group, String key, Function<String, String> env, Duration timeout) {
        this.inventory = inventory;
        this.group = group;
        this.key = key;
        this.env = env;
        this.timeout = timeout;
        this.addresses = new Addresses(inventory);
    }

    /** @param readTimeout how long a command may take on the returned connection (WAIT needs longer than a probe) */
    Found find(Duration readTimeout) {
        if (group instanceof RedisClusterService c) {
            return clusterMaster(c, readTimeout);
        }
        RedisService r = (RedisService) group;
        List<String> candidates = new ArrayList<>();
        if (r.sentinel() != null && inventory.service(r.sentinel()).orElse(null) instanceof SentinelService s) {
            candidates.addAll(sentinelAnswers(s, r.masterName()));
        }
        for (Endpoint e : r.instances()) {
            String a = addresses.of(e);
            if (!candidates.contains(a)) {
                candidates.add(a);
            }
        }
        List<String> tried = new ArrayList<>();
        for (String address : candidates) {
            Found f = confirm(address, r.auth(), readTimeout, r.instances().size() > 1, tried);
            if (f != null) {
                return f;
            }
        }
        throw new LockStore.Unavailable("no master of " + r.name() + " found (" + String.join("; ", tried)
                + "); bring its master up, or keep the lock elsewhere with policy.lock_group or policy.lock: file:PATH");
    }

    /** What the sentinels say, the most common answer first. */
    private List<String> sentinelAnswers(SentinelService s, String masterName) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (Endpoint e : s.instances()) {
            try (Jedis j = open(addresses.of(e), s.auth(), timeout)) {
                List<String> a = j.sentinelGetMasterAddrByName(masterName);
                if (a != null && a.size() == 2) {
                    votes.merge(a.get(0) + ":" + a.get(1), 1, Integer::sum);
                }
            } catch (JedisException | LockStore.Unavailable ex) {
                // A sentinel that does not answer has no vote; the others and ROLE decide.
            }
        }
        return votes.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).map(Map.Entry::getKey).toList();
    }

    private Found confirm(String address, Auth auth, Duration readTimeout, boolean hasReplicas, List<String> tried) {
        Jedis j = null;
        try {
            j = open(address, auth, readTimeout);
            RoleReply role = RoleReply.parse(j.role());
            if (role.isMaster()) {
                return new Found(j, describe(address), hasReplicas, role.replicas().size());
            }
            tried.add(describe(address) + " is a " + role.role());
        } catch (JedisException e) {
            tried.add(describe(address) + ": " + e.getMessage());
        }
        if (j != null) {
            j.close();
        }
        return null;
    }

    private Found clusterMaster(RedisClusterService c, Duration readTimeout) {
        int slot = JedisClusterCRC16.getSlot(key);
        List<String> tried = new ArrayList<>();
        for (Endpoint e : c.instances()) {
            List<ClusterNode> nodes;
            try (Jedis j = open(addresses.of(e), c.auth(), timeout)) {
                nodes = ClusterNodesParser.parse(j.clusterNodes());
            } catch (JedisException ex) {
                tried.add(e + ": " + ex.getMessage());
                continue;
            }
            ClusterNode master = nodes.stream().filter(n -> n.isMaster() && !n.isFailed()
                    && n.slots().stream().anyMatch(s -> s.contains(slot))).findFirst().orElse(null);
            if (master == null) {
                tried.add(e + " knows no master of slot " + slot);
                continue;
            }
            boolean hasReplicas = nodes.stream().anyMatch(n -> master.id().equals(n.masterId()));
            Found f = confirm(master.address(), c.auth(), readTimeout, hasReplicas, tried);
            if (f != null) {
                return f;
            }
        }
        throw new LockStore.Unavailable("no master of slot " + slot + " of " + c.name() + " found (" + String.join("; ", tried)
                + "); bring the cluster up, or keep the lock elsewhere with policy.lock_group or policy.lock: file:PATH");
    }

    private String describe(String address) {
        int colon = address.lastIndexOf(':');
        return addresses.describe(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    private Jedis open(String address, Auth auth, Duration readTimeout) {
        int colon = address.lastIndexOf(':');
        DefaultJedisClientConfig cfg;
        try {
            cfg = ClientConfigs.of(auth, env, timeout, readTimeout, "stagger-lock");
        } catch (Credentials.Unavailable e) {
            throw new LockStore.Unavailable(e.getMessage());
        }
        return new Jedis(new HostAndPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), cfg);
    }
}
