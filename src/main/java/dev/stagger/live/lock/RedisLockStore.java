package dev.stagger.live.lock;

import dev.stagger.model.Inventory;
import dev.stagger.model.Service;
import dev.stagger.run.LockOwner;
import dev.stagger.run.LockStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The run lock as a key in the cluster's own Redis ({@code stagger:lock:{CLUSTER}}, a JSON record of
 * its owner): taken with {@code SET NX PX} under a fencing token from {@code INCR} of a counter key
 * beside it and acknowledged by a replica ({@code WAIT}) before any step starts, so that a failover
 * carries it along; renewed, replaced and released by compare-and-set scripts that act only while
 * the stored token is the expected one. The master is found afresh for every operation, so after a
 * failover the lock is read and renewed where it now lives.
 */
public final class RedisLockStore implements LockStore {
    /** How long a replica may take to acknowledge the lock before the run refuses to start. */
    static final Duration WAIT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(2);

    /** Sets ARGV[2] (PX ARGV[3]), or deletes when ARGV[2] is empty, only if the stored record's token is ARGV[1]. */
    private static final String COMPARE_AND_SET = """
            local v = redis.call('GET', KEYS[1])
            if not v then return 0 end
            local ok, rec = pcall(cjson.decode, v)
            local token = ''
            if ok and type(rec) == 'table' and type(rec.token) == 'string' then token = rec.token end
            if token ~= ARGV[1] then return 0 end
            if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
            return 1
            """;

    private final Service group;
    private final String key;
    private final String fenceKey;
    private final LockMaster master;
    private volatile String lastMaster;

    private RedisLockStore(Inventory inventory, Service group, Function<String, String> env) {
        this.group = group;
        this.key = LockGroup.key(inventory.cluster());
        this.fenceKey = LockGroup.fenceKey(inventory.cluster());
        this.master = new LockMaster(inventory, group, key, env, IO_TIMEOUT);
    }

    /** The lock in the inventory's lock group; empty when it has no Redis or names a lock file. */
    public static Optional<LockStore> forInventory(Inventory inventory, Function<String, String> env) {
        return LockGroup.of(inventory).map(g -> new RedisLockStore(inventory, g, env));
    }

    @Override
    public String where() {
        String m = lastMaster;
        return "the Redis key " + key + " in " + group.name() + (m == null ? "" : " (master " + m + ")");
    }

    @Override
    public Optional<LockOwner> tryTake(LockOwner me) {
        return withMaster(WAIT_TIMEOUT.plus(IO_TIMEOUT), m -> {
            LockOwner stored = me.fenced(m.jedis().incr(fenceKey));
            String ok = m.jedis().set(key, stored.toJson(), SetParams.setParams().nx().px(ttlMillis(stored)));
            if (ok == null) {
                return Optional.empty();
            }
            acknowledged(m, stored);
            return Optional.of(stored);
        });
    }

    @Override
    public Optional<LockOwner> read() {
        return withMaster(IO_TIMEOUT, m -> {
            String v = m.jedis().get(key);
            if (v == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(LockOwner.fromJson(v));
            } catch (IllegalArgumentException e) {
                Instant now = Instant.now();
                return Optional.of(LockOwner.unreadable(now, now.plusMillis(Math.max(0, m.jedis().pttl(key)))));
            }
        });
    }

    @Override
    public Optional<LockOwner> replace(LockOwner holder, LockOwner me) {
        return withMaster(WAIT_TIMEOUT.plus(IO_TIMEOUT), m -> {
            LockOwner stored = me.fenced(m.jedis().incr(fenceKey));
            if (!compareAndSet(m, holder.token(), stored.toJson(), ttlMillis(stored))) {
                return Optional.empty();
            }
            acknowledged(m, stored);
            return Optional.of(stored);
        });
    }

    @Override
    public boolean renew(LockOwner renewed) {
        return withMaster(IO_TIMEOUT, m -> compareAndSet(m, renewed.token(), renewed.toJson(), ttlMillis(renewed)));
    }

    @Override
    public void release(LockOwner me) {
        withMaster(IO_TIMEOUT, m -> compareAndSet(m, me.token(), "", 0));
    }

    private boolean compareAndSet(LockMaster.Found m, String token, String value, long px) {
        Object r = m.jedis().eval(COMPARE_AND_SET, List.of(key), List.of(token, value, Long.toString(Math.max(1, px))));
        return Long.valueOf(1).equals(r);
    }

    /**
     * A connected replica must hold the lock before any step starts, so that a failover carries it
     * along. With none connected there is nobody to ask (and nobody a failover could promote without
     * first syncing, lock included): the lock is taken and {@link #where()} says it is unreplicated.
     */
    private void acknowledged(LockMaster.Found m, LockOwner stored) {
        if (m.connectedReplicas() == 0) {
            if (m.hasReplicas()) {
                lastMaster = m.label() + ", no replica connected: unreplicated until one syncs";
            }
            return;
        }
        long acks = m.jedis().waitReplicas(1, WAIT_TIMEOUT.toMillis());
        if (acks < 1) {
            compareAndSet(m, stored.token(), "", 0);
            throw new LockStore.Unavailable("no replica of " + group.name() + " acknowledged the lock within "
                    + WAIT_TIMEOUT.toSeconds() + "s (WAIT on " + m.label() + "); check the replicas' links with `stagger status`");
        }
    }

    private static long ttlMillis(LockOwner o) {
        return Duration.between(Instant.now(), o.expires()).toMillis();
    }

    private interface MasterAction<T> {
        T run(LockMaster.Found m);
    }

    private <T> T withMaster(Duration readTimeout, MasterAction<T> action) {
        try (LockMaster.Found m = master.find(readTimeout)) {
            lastMaster = m.label();
            return action.run(m);
        } catch (JedisException e) {
            throw new LockStore.Unavailable("Redis " + group.name() + (lastMaster == null ? "" : " at " + lastMaster)
                    + " failed: " + e.getMessage(), e);
        }
    }
}
