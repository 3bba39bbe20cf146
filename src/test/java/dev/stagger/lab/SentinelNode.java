package dev.stagger.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A lab sentinel ({@code redis-server CONF --sentinel}) with short failure detection. */
public final class SentinelNode extends ServerProcess {

    private SentinelNode(ServerProcess p) {
        super(p.dir(), p.name(), p.host(), p.port(), p.kind(), null);
    }

    /**
     * Writes the config (sentinels rewrite it, so it lives in the node's own dir).
     *
     * @param masterName    the name it monitors, e.g. {@code cache}
     * @param redisPassword the monitored group's password (auth-pass), or null
     */
    public static SentinelNode create(Path dir, String name, String host, int port, String masterName,
                                      int masterPort, int quorum, String redisPassword) {
        return create(dir, name, host, port, masterName, masterPort, quorum, redisPassword, List.of(), List.of());
    }

    /**
     * A sentinel that knows its peers from the start, as one whose config a running Sentinel has
     * rewritten does: no waiting for hello messages (every 2 s) and INFO (every 10 s) to discover them.
     *
     * @param replicaPorts  the monitored master's replicas ({@code sentinel known-replica})
     * @param sentinelPorts every sentinel of the lab, this one included ({@code sentinel known-sentinel},
     *                      with the run id {@link #labId} each is given by {@code sentinel myid})
     */
    public static SentinelNode create(Path dir, String name, String host, int port, String masterName,
                                      int masterPort, int quorum, String redisPassword, List<Integer> replicaPorts,
                                      List<Integer> sentinelPorts) {
        List<String> conf = new ArrayList<>(List.of(
                "port " + port,
                "bind 127.0.0.1",
                "daemonize no",
                "protected-mode no",
                "dir " + dir.toAbsolutePath(),
                "logfile \"\"",
                "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " " + quorum,
                "sentinel down-after-milliseconds " + masterName + " 1000",
                "sentinel failover-timeout " + masterName + " 5000",
                "sentinel parallel-syncs " + masterName + " 1"));
        if (redisPassword != null) {
            conf.add("sentinel auth-pass " + masterName + " " + redisPassword);
        }
        if (!sentinelPorts.isEmpty()) {
            conf.add("sentinel myid " + labId(port));
        }
        for (int r : replicaPorts) {
            conf.add("sentinel known-replica " + masterName + " 127.0.0.1 " + r);
        }
        for (int p : sentinelPorts) {
            if (p != port) {
                conf.add("sentinel known-sentinel " + masterName + " 127.0.0.1 " + p + " " + labId(p));
            }
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("sentinel.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        describe(dir, name, host, port, Kind.SENTINEL, null, List.of(RedisBinary.redisServer().toString(),
                dir.resolve("sentinel.conf").toAbsolutePath().toString(), "--sentinel"));
        return new SentinelNode(load(dir));
    }

    /** The run id of the lab's sentinel on {@code port}: 40 hex digits, as Sentinel requires. */
    static String labId(int port) {
        return String.format("%040x", port);
    }

    public Object call(String... args) {
        try {
            return Resp.call(port(), null, args);
        } catch (IOException e) {
            throw new UncheckedIOException(name() + " did not answer " + args[0], e);
        }
    }

    /** The master address this sentinel believes in, {@code 127.0.0.1:PORT}, or null. */
    public String masterAddress(String masterName) {
        Object r = call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", masterName);
        if (r instanceof List<?> l && l.size() == 2) {
            return l.get(0) + ":" + l.get(1);
        }
        return null;
    }

    /** How many other sentinels and replicas this one knows for the master. */
    public int knownSentinels(String masterName) {
        return ((List<?>) call("SENTINEL", "SENTINELS", masterName)).size();
    }

    public int knownReplicas(String masterName) {
        return ((List<?>) call("SENTINEL", "REPLICAS", masterName)).size();
    }

    /**
     * Why this sentinel is not yet linked to every running sentinel and replica it knows (an entry
     * still flagged disconnected or down), or null once it is. A sentinel that knows its peers from
     * its config lists them at once but connects a moment later (a second after a refused attempt).
     *
     * @param running whether the lab process on a port is running (entries of stopped ones stay down)
     */
    public String unlinkedPeer(String masterName, java.util.function.IntPredicate running) {
        for (String kind : List.of("SENTINELS", "REPLICAS")) {
            for (Object entry : (List<?>) call("SENTINEL", kind, masterName)) {
                java.util.Map<String, String> fields = new java.util.HashMap<>();
                List<?> kv = (List<?>) entry;
                for (int i = 0; i + 1 < kv.size(); i += 2) {
                    fields.put(text(kv.get(i)), text(kv.get(i + 1)));
                }
                String flags = fields.getOrDefault("flags", "");
                int port = Integer.parseInt(fields.getOrDefault("port", "0"));
                if (running.test(port) && (flags.contains("disconnected") || flags.contains("s_down")
                        || flags.contains("o_down"))) {
                    return this + " has its " + kind.toLowerCase(java.util.Locale.ROOT) + " entry for port " + port
                            + " flagged " + flags;
                }
            }
        }
        return null;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
    }
}
