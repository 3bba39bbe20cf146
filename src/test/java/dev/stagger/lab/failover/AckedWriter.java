package dev.stagger.lab.failover;

import dev.stagger.lab.ServerProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.ClientSetInfoConfig;

/**
 * A client writing through a failover the way a careful application does: {@code SET} then
 * {@code WAIT 1 1000}; a write counts as acknowledged only when at least one replica confirmed it.
 * On any error or unconfirmed write it asks {@code findMaster} again. It records every acknowledged
 * key with its time, so a test can check none was lost and measure the longest gap between them,
 * and every accepted one (SET answered OK, acknowledged or not), for the benchmark. Keys carry a
 * prefix of their own per writer, so that writers of successive failovers never share a key.
 */
public final class AckedWriter implements AutoCloseable {
    /** One acknowledged write. */
    public record Ack(String key, long nanos, int port) {
    }

    /** One accepted write: SET answered OK at {@code nanos}; {@code acked} once WAIT confirmed it. */
    public record Write(String key, long nanos, boolean acked) {
    }

    /** The keys of the accepted writes a master lacks, and of those that were acknowledged too. */
    public record Lost(List<String> acked, List<String> accepted) {
    }

    private static final java.util.concurrent.atomic.AtomicInteger WRITERS = new java.util.concurrent.atomic.AtomicInteger();

    private final Supplier<HostAndPort> findMaster;
    private final String password;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Write> accepted = new ConcurrentLinkedQueue<>();
    private final String keyPrefix;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int unconfirmed;

    public AckedWriter(Supplier<HostAndPort> findMaster, String password) {
        this(findMaster, password, "");
    }

    /** @param hashTag put into every key ({@code {tag}}), so that all keys fall in one cluster slot; "" for none */
    public AckedWriter(Supplier<HostAndPort> findMaster, String password, String hashTag) {
        this.findMaster = findMaster;
        this.keyPrefix = "w:" + (hashTag.isEmpty() ? "" : "{" + hashTag + "}:") + WRITERS.incrementAndGet() + ":";
        this.password = password;
        this.thread = new Thread(this::loop, "acked-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        Jedis jedis = null;
        int port = 0;
        long seq = 0;
        while (running) {
            try {
                if (jedis == null) {
                    HostAndPort master = findMaster.get();
                    port = master.getPort();
                    jedis = new Jedis(master, DefaultJedisClientConfig.builder().password(password)
                            .connectionTimeoutMillis(500).socketTimeoutMillis(3000)
                            .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
                }
                String key = keyPrefix + (seq++);
                jedis.set(key, "v");
                long setAt = System.nanoTime();
                long replicas;
                try {
                    replicas = jedis.waitReplicas(1, 1000);
                } catch (RuntimeException e) {
                    accepted.add(new Write(key, setAt, false));
                    throw e;
                }
                accepted.add(new Write(key, setAt, replicas >= 1));
                if (replicas >= 1) {
                    acks.add(new Ack(key, System.nanoTime(), port));
                } else {
                    unconfirmed++;
                    jedis.close();
                    jedis = null;
                }
            } catch (RuntimeException e) {
                if (jedis != null) {
                    jedis.close();
                    jedis = null;
                }
                ServerProcess.sleep(5);
            }
        }
        if (jedis != null) {
            jedis.close();
        }
    }

    public List<Ack> acks() {
        return new ArrayList<>(acks);
    }

    /** Every write whose SET was answered OK, in order. */
    public List<Write> accepted() {
        return new ArrayList<>(accepted);
    }

    public int unconfirmed() {
        return unconfirmed;
    }

    /** Waits until {@code n} more writes were acknowledged (after a failover: the writer recovered). */
    public void awaitMoreAcks(int n, long timeoutMs) {
        int target = acks.size() + n;
        long end = System.currentTimeMillis() + timeoutMs;
        while (acks.size() < target && System.currentTimeMillis() < end) {
            ServerProcess.sleep(10);
        }
        if (acks.size() < target) {
            throw new IllegalStateException("writer did not recover: " + acks.size() + " acks, wanted " + target);
        }
    }

    /** The longest time between two consecutive acknowledged writes, in milliseconds. */
    public long longestGapMillis() {
        long last = -1;
        long max = 0;
        for (Ack a : acks) {
            if (last >= 0) {
                max = Math.max(max, a.nanos() - last);
            }
            last = a.nanos();
        }
        return max / 1_000_000;
    }

    /** Acknowledged keys missing on the given master. */
    public List<String> missingOn(Jedis master) {
        List<String> missing = new ArrayList<>();
        for (Ack a : acks) {
            if (!master.exists(a.key())) {
                missing.add(a.key());
            }
        }
        return missing;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which of this writer's accepted writes {@code master} does not hold (one pipelined EXISTS each). */
    public Lost lostOn(Jedis master) {
        List<Write> writes = accepted();
        redis.clients.jedis.Pipeline p = master.pipelined();
        List<redis.clients.jedis.Response<Boolean>> exists = writes.stream().map(w -> p.exists(w.key())).toList();
        p.sync();
        List<String> lostAcked = new ArrayList<>();
        List<String> lostAccepted = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            if (!exists.get(i).get()) {
                lostAccepted.add(writes.get(i).key());
                if (writes.get(i).acked()) {
                    lostAcked.add(writes.get(i).key());
                }
            }
        }
        return new Lost(lostAcked, lostAccepted);
    }
}
