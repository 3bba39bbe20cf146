package dev.stagger.lab.cluster;

import dev.stagger.lab.LabPorts;
import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real 6-node Redis Cluster on 127.0.0.1: hosts r1..r6, one node each; r1, r2, r3 are masters of
 * 0-5460, 5461-10922, 10923-16383 and r4, r5, r6 their replicas (r4 follows r1, and so on).
 *
 * <p>It is built with raw commands (SET-CONFIG-EPOCH, MEET, ADDSLOTS, REPLICATE) rather than
 * {@code redis-cli --cluster create}: that works with the bundled redis-server 6.2 alone, and the
 * layout is fixed, where redis-cli picks replica pairings itself. Writes {@code inventory.yaml}
 * (hosts in dc1..dc3, service {@code sessions} with declared shards).
 */
public final class ClusterLab implements AutoCloseable {
    public static final String SERVICE = "sessions";
    private static final Duration SETTLE = Duration.ofSeconds(20);

    private final Path dir;
    private final List<RedisNode> nodes = new ArrayList<>();
    private final Thread shutdownHook;

    private ClusterLab() {
        try {
            dir = Files.createTempDirectory("stagger-cluster-lab");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shutdownHook = new Thread(this::killAll, "stagger-cluster-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static ClusterLab start() {
        ClusterLab lab = new ClusterLab();
        try {
            int[] ports = LabPorts.freeWithBus(6);
            for (int i = 0; i < 6; i++) {
                String host = "r" + (i + 1);
                lab.nodes.add(RedisNode.create(lab.dir.resolve("nodes").resolve(host).resolve("redis"),
                        "redis-" + host, host, ports[i], 0, null, List.of(
                                "cluster-enabled yes",
                                "cluster-config-file nodes.conf",
                                "cluster-node-timeout 3000",
                                // A lab replica must not wander to another master between tests.
                                "cluster-allow-replica-migration no",
                                "appendonly no")));
            }
            lab.writeInventory();
            lab.nodes.forEach(RedisNode::start);
            lab.form();
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void form() {
        for (int i = 0; i < 3; i++) {
            // Distinct epochs up front, as redis-cli does, so no epoch collision has to be resolved.
            node(i).call("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        }
        for (int i = 1; i < 6; i++) {
            node(0).call("CLUSTER", "MEET", "127.0.0.1", Integer.toString(node(i).port()));
        }
        int[][] ranges = {{0, 5460}, {5461, 10922}, {10923, 16383}};
        for (int i = 0; i < 3; i++) {
            List<String> args = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int s = ranges[i][0]; s <= ranges[i][1]; s++) {
                args.add(Integer.toString(s));
            }
            node(i).call(args.toArray(String[]::new));
        }
        await("every node knows the 6 others", () -> {
            for (RedisNode n : nodes) {
                String view = String.valueOf(n.call("CLUSTER", "NODES"));
                if (view.lines().count() < 6 || view.contains("handshake") || view.contains("noaddr")) {
                    return n + " sees " + view.lines().count() + " nodes";
                }
            }
            return null;
        });
        for (int i = 3; i < 6; i++) {
            node(i).call("CLUSTER", "REPLICATE", nodeId(i - 3));
        }
        awaitHealthy(SETTLE);
    }

    /** Waits for cluster_state:ok on every running node, full coverage and every replica linked. */
    public void awaitHealthy(Duration timeout) {
        await("a healthy cluster", timeout, () -> {
            for (RedisNode n : nodes) {
                if (!n.isRunning()) {
                    continue;
                }
                String info = String.valueOf(n.call("CLUSTER", "INFO"));
                if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:16384")) {
                    return n + ": " + info.lines().limit(3).toList();
                }
                if ("slave".equals(n.info("role")) && !"up".equals(n.info("master_link_status"))) {
                    return n + " link " + n.info("master_link_status");
                }
                String view = String.valueOf(n.call("CLUSTER", "NODES"));
                if (view.contains("fail") || view.contains("handshake")) {
                    return n + " still flags a node: " + view;
                }
                long replicas = view.lines().filter(l -> l.split(" ")[2].contains("slave")).count();
                if (replicas != 3) {
                    // REPLICATE is gossiped: until then a replica looks like an empty master.
                    return n + " sees " + replicas + " replicas";
                }
            }
            return null;
        });
    }

    private void await(String what, java.util.function.Supplier<String> unmet) {
        await(what, SETTLE, unmet);
    }

    private static void await(String what, Duration timeout, java.util.function.Supplier<String> unmet) {
        LabSupport.await(what, timeout, Duration.ofMillis(50), unmet);
    }

    /** Node {@code i} (0-based: 0..2 started as masters, 3..5 as replicas). */
    public RedisNode node(int i) {
        return nodes.get(i);
    }

    public RedisNode node(String host) {
        return nodes.stream().filter(n -> n.host().equals(host)).findFirst().orElseThrow();
    }

    public List<RedisNode> nodes() {
        return List.copyOf(nodes);
    }

    public String nodeId(int i) {
        return String.valueOf(node(i).call("CLUSTER", "MYID"));
    }

    public String address(int i) {
        return "127.0.0.1:" + node(i).port();
    }

    public Path dir() {
        return dir;
    }

    public Path inventory() {
        return dir.resolve("inventory.yaml");
    }

    private void writeInventory() {
        StringBuilder y = new StringBuilder("cluster: cluster-lab\n");
        y.append("defaults:\n  min_ready: 1s\n  ready_timeout: 30s\n");
        y.append("hosts:\n");
        for (RedisNode n : nodes) {
            int i = Integer.parseInt(n.host().substring(1));
            y.append("  ").append(n.host()).append(": { dc: dc").append((i - 1) % 3 + 1).append(", address: 127.0.0.1 }\n");
        }
        y.append("services:\n  ").append(SERVICE).append(":\n    kind: redis-cluster\n    instances: [");
        y.append(String.join(", ", nodes.stream().map(RedisNode::endpoint).toList())).append("]\n    shards:\n");
        for (int i = 0; i < 3; i++) {
            y.append("      - [").append(nodes.get(i).endpoint()).append(", ").append(nodes.get(i + 3).endpoint()).append("]\n");
        }
        try {
            Files.writeString(inventory(), y.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void killAll() {
        nodes.forEach(RedisNode::kill);
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway
        }
        LabSupport.deleteUnlessKept(dir);
    }
}
