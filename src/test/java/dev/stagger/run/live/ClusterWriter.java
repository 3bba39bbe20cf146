package dev.stagger.run.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster client writing the careful way: {@code SET} then {@code WAIT 1}, one key at a time,
 * rotating over one hash tag per shard so every shard is written all the time. It follows MOVED
 * redirections and, when a node stops answering, asks the next one. It counts acknowledged writes
 * per shard, so a test can check every shard kept serving and no acknowledged write was lost.
 */
final class ClusterWriter implements AutoCloseable {
    /** One acknowledged write. */
    record Ack(String key, int shard, long nanos) {
    }

    private static final int[][] RANGES = {{0, 5460}, {5461, 10922}, {10923, 16383}};

    private final List<HostAndPort> nodes;
    private final String[] tags = new String[3];
    private final Map<Integer, HostAndPort> route = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int next;

    ClusterWriter(List<HostAndPort> nodes) {
        this.nodes = List.copyOf(nodes);
        for (int shard = 0; shard < 3; shard++) {
            for (int i = 0; tags[shard] == null; i++) {
                int slot = JedisClusterCRC16.getSlot("t" + i);
                if (slot >= RANGES[shard][0] && slot <= RANGES[shard][1]) {
                    tags[shard] = "t" + i;
                }
            }
        }
        thread = new Thread(this::loop, "cluster-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long seq = 0;
        while (running) {
            int shard = (int) (seq % 3);
            String key = "w:{" + tags[shard] + "}:" + seq++;
            try {
                long replicas = call(shard, key, j -> {
                    j.set(key, "v");
                    return j.waitReplicas(1, 1000);
                });
                if (replicas >= 1) {
                    acks.add(new Ack(key, shard, System.nanoTime()));
                }
            } catch (RuntimeException e) {
                sleep(5);
            }
        }
    }

    /** Runs {@code fn} on the node serving the key's slot, following up to five redirections. */
    private <T> T call(int shard, String key, Function<Jedis, T> fn) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            HostAndPort node = route.computeIfAbsent(shard, s -> nodes.get(Math.floorMod(next++, nodes.size())));
            try (Jedis j = new Jedis(node, redis.clients.jedis.DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(300).socketTimeoutMillis(2000).build())) {
                return fn.apply(j);
            } catch (JedisMovedDataException moved) {
                route.put(shard, moved.getTargetNode());
                last = moved;
            } catch (RuntimeException e) {
                route.remove(shard);
                last = e;
            }
        }
        throw last;
    }

    List<Ack> acks() {
        return new ArrayList<>(acks);
    }

    /** Acknowledged keys the cluster no longer has. */
    List<String> missing() {
        List<String> out = new ArrayList<>();
        for (Ack a : acks) {
            if (!call(a.shard(), a.key(), j -> j.exists(a.key()))) {
                out.add(a.key());
            }
        }
        return out;
    }

    /** The longest time one shard went without an acknowledged write, in ms. */
    long longestShardGapMillis() {
        long max = 0;
        long[] last = {-1, -1, -1};
        for (Ack a : acks) {
            if (last[a.shard()] >= 0) {
                max = Math.max(max, a.nanos() - last[a.shard()]);
            }
            last[a.shard()] = a.nanos();
        }
        return max / 1_000_000;
    }

    void awaitMoreAcks(int n, long timeoutMs) {
        int target = acks.size() + n;
        long end = System.currentTimeMillis() + timeoutMs;
        while (acks.size() < target && System.currentTimeMillis() < end) {
            sleep(10);
        }
        if (acks.size() < target) {
            throw new IllegalStateException("cluster writer stalled at " + acks.size() + " acks");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops writing and waits for the last write to end; the acks stay readable. */
    void stop() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
