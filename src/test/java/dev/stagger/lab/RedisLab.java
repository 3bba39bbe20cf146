package dev.stagger.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The seed-000 lab: three fake hosts on 127.0.0.1 told apart by name and port. {@code app1} runs the
 * {@code cache} master and a sentinel, {@code app2} the replica and a sentinel, {@code arb3} a
 * sentinel (quorum 2, all monitoring {@code cache}); optionally an {@code api} app on app1 and app2.
 * It writes {@code inventory.yaml} for that cluster. Everything lives in one temp dir, and every
 * process is stopped on {@link #close()} or, failing that, by a shutdown hook.
 *
 * <p>Layout: {@code DIR/inventory.yaml}, {@code DIR/nodes/HOST/NODE/} (config, cmd, pid, log).
 */
public final class RedisLab implements AutoCloseable {
    public static final String MASTER_NAME = "cache";
    /** The env var the inventory names in {@code password_env} when the lab has a password. */
    public static final String PASSWORD_ENV = "STAGGER_LAB_PASSWORD";
    public static final List<String> HOSTS = List.of("app1", "app2", "arb3");

    private final Path dir;
    private final Map<String, RedisNode> redis = new LinkedHashMap<>();
    private final Map<String, SentinelNode> sentinels = new LinkedHashMap<>();
    private final Map<String, ServerProcess> apps = new LinkedHashMap<>();
    private final Thread shutdownHook;
    private final String password;

    /** Lab options. */
    public static final class Builder {
        private String password;
        private boolean api;
        private ApiHealth apiHealth = ApiHealth.ALWAYS_OK;
        private final Map<String, List<String>> redisExtra = new LinkedHashMap<>();

        /** requirepass/masterauth on both redis nodes; the inventory reads it from {@link #PASSWORD_ENV}. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Also run an {@code api} app (HTTP /healthz) on app1 and app2. */
        public Builder withApi() {
            this.api = true;
            return this;
        }

        /** Also run an {@code api} app on app1 and app2 whose health depends on writing to cache as said. */
        public Builder withApi(ApiHealth health) {
            this.api = true;
            this.apiHealth = health;
            return this;
        }

        /** Extra redis.conf lines for the redis node on a host. */
        public Builder redisConfig(String host, String... lines) {
            redisExtra.computeIfAbsent(host, h -> new ArrayList<>()).addAll(List.of(lines));
            return this;
        }

        public RedisLab start() {
            return new RedisLab(this);
        }
    }

    /** What the lab's api apps need to answer healthy. */
    public enum ApiHealth {
        /** Nothing: 200 while running. */
        ALWAYS_OK,
        /** A write to the redis that was master at start (app1's): a client that ignores Sentinel. */
        PINNED_TO_FIRST_MASTER,
        /** A write to the master their host's sentinel names: a client that follows failovers. */
        FOLLOWS_SENTINEL
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The plain seed-000 lab, started and settled. */
    public static RedisLab seed000() {
        return builder().start();
    }

    private RedisLab(Builder b) {
        this.password = b.password;
        try {
            dir = Files.createTempDirectory("stagger-lab");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shutdownHook = new Thread(this::stopAll, "stagger-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            int[] ports = LabSupport.freePorts(b.api ? 7 : 5);
            redis.put("app1", RedisNode.create(nodeDir("app1", "redis"), "redis-app1", "app1", ports[0], 0,
                    password, b.redisExtra.getOrDefault("app1", List.of())));
            redis.put("app2", RedisNode.create(nodeDir("app2", "redis"), "redis-app2", "app2", ports[1], ports[0],
                    password, b.redisExtra.getOrDefault("app2", List.of())));
            for (int i = 0; i < HOSTS.size(); i++) {
                String h = HOSTS.get(i);
                sentinels.put(h, SentinelNode.create(nodeDir(h, "sentinel"), "sentinel-" + h, h, ports[2 + i],
                        MASTER_NAME, ports[0], 2, password, List.of(ports[1]), List.of(ports[2], ports[3], ports[4])));
            }
            if (b.api) {
                apps.put("app1", AppNode.create(nodeDir("app1", "api"), "api-app1", "app1", ports[5],
                        healthArgs(b.apiHealth, ports[0], ports[2])));
                apps.put("app2", AppNode.create(nodeDir("app2", "api"), "api-app2", "app2", ports[6],
                        healthArgs(b.apiHealth, ports[0], ports[3])));
            }
            writeInventory();
            redis.values().forEach(ServerProcess::start);
            sentinels.values().forEach(ServerProcess::start);
            // As in FailoverLab: sentinels re-read INFO every 10 s, and a failover waits for the right
            // moment of that period (up to ~10.7 s); the lab shortens it only to keep tests fast.
            sentinels.values().forEach(s -> s.call("SENTINEL", "DEBUG", "INFO-PERIOD", "500"));
            apps.values().forEach(ServerProcess::start);
            awaitSettled(Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static List<String> healthArgs(ApiHealth health, int firstMasterPort, int sentinelPort) {
        return switch (health) {
            case ALWAYS_OK -> List.of();
            case PINNED_TO_FIRST_MASTER -> List.of("pinned", Integer.toString(firstMasterPort));
            case FOLLOWS_SENTINEL -> List.of("follow", Integer.toString(sentinelPort), MASTER_NAME);
        };
    }

    private Path nodeDir(String host, String node) {
        return dir.resolve("nodes").resolve(host).resolve(node);
    }

    public Path dir() {
        return dir;
    }

    public Path inventory() {
        return dir.resolve("inventory.yaml");
    }

    public String password() {
        return password;
    }

    public RedisNode redis(String host) {
        return Objects.requireNonNull(redis.get(host), "no redis on " + host);
    }

    /**
     * Starts a BGSAVE on {@code host} that stays in progress (keys written to app1 first, saved with
     * a per-key delay), for the rules that must not stop or fail over an instance while it forks.
     * The caller asserts {@code rdb_bgsave_in_progress:1}.
     */
    public RedisNode startSlowBgsave(String host) {
        for (int i = 0; i < 100; i++) {
            redis("app1").call("SET", "k" + i, "v");
        }
        RedisNode node = redis(host);
        node.call("CONFIG", "SET", "rdb-key-save-delay", "200000");
        node.call("BGSAVE");
        return node;
    }

    public SentinelNode sentinel(String host) {
        return Objects.requireNonNull(sentinels.get(host), "no sentinel on " + host);
    }

    public ServerProcess app(String host) {
        return Objects.requireNonNull(apps.get(host), "no api on " + host);
    }

    public List<RedisNode> redisNodes() {
        return List.copyOf(redis.values());
    }

    public List<SentinelNode> sentinels() {
        return List.copyOf(sentinels.values());
    }

    /** Every process of a host, in start order (redis, sentinel, app). */
    public List<ServerProcess> nodesOn(String host) {
        return nodesOn(dir, host);
    }

    static List<ServerProcess> nodesOn(Path labDir, String host) {
        Path hostDir = labDir.resolve("nodes").resolve(host);
        if (!Files.isDirectory(hostDir)) {
            throw new IllegalArgumentException("no lab host " + host + " in " + labDir);
        }
        List<ServerProcess> out = new ArrayList<>();
        for (String node : List.of("redis", "sentinel", "api")) {
            if (Files.isDirectory(hostDir.resolve(node))) {
                out.add(ServerProcess.load(hostDir.resolve(node)));
            }
        }
        return out;
    }

    /** Takes a host down: SIGTERM to each of its processes. */
    public void stop(String host) {
        nodesOn(host).forEach(ServerProcess::stop);
    }

    /** A crashed host: kill -9 each of its processes. */
    public void kill(String host) {
        nodesOn(host).forEach(ServerProcess::kill);
    }

    /** Brings a host back with the same configs and data dirs; waits until each process answers. */
    public void start(String host) {
        nodesOn(host).forEach(ServerProcess::start);
    }

    /**
     * Waits until the sentinels know each other and the replica, and replicas are linked: before
     * that, sentinel-voters and replica-sync would rightly fail on a lab that is only starting.
     */
    public void awaitSettled(Duration timeout) {
        LabSupport.await("settled lab", timeout, Duration.ofMillis(100), this::unsettledReason);
    }

    private String unsettledReason() {
        try {
            for (RedisNode r : redis.values()) {
                if (!r.isRunning()) {
                    continue;
                }
                if ("slave".equals(r.info("role")) && !"up".equals(r.info("master_link_status"))) {
                    return r + " link " + r.info("master_link_status");
                }
            }
            int n = (int) sentinels.values().stream().filter(ServerProcess::isRunning).count();
            int replicas = (int) redis.values().stream().filter(ServerProcess::isRunning).count() - 1;
            for (SentinelNode s : sentinels.values()) {
                if (!s.isRunning()) {
                    continue;
                }
                if (s.knownSentinels(MASTER_NAME) < n - 1) {
                    return s + " knows " + s.knownSentinels(MASTER_NAME) + " other sentinels";
                }
                if (s.knownReplicas(MASTER_NAME) < replicas) {
                    return s + " knows " + s.knownReplicas(MASTER_NAME) + " replicas";
                }
                String unlinked = s.unlinkedPeer(MASTER_NAME, port -> Stream.concat(redis.values().stream(),
                        sentinels.values().stream()).anyMatch(node -> node.port() == port && node.isRunning()));
                if (unlinked != null) {
                    return unlinked;
                }
            }
            return null;
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private void writeInventory() {
        StringBuilder y = new StringBuilder();
        y.append("cluster: lab\n");
        y.append("defaults:\n  min_ready: 1s\n  ready_timeout: 30s\n");
        y.append("hosts:\n");
        for (int i = 0; i < HOSTS.size(); i++) {
            y.append("  ").append(HOSTS.get(i)).append(": { dc: dc").append(i + 1).append(", address: 127.0.0.1 }\n");
        }
        y.append("services:\n");
        if (!apps.isEmpty()) {
            y.append("  api:\n    kind: app\n    instances: [").append(endpoints(apps.values())).append("]\n");
            y.append("    min_healthy: 1\n    health: http://{address}:{port}/healthz\n    requires: [cache]\n");
        }
        y.append("  cache:\n    kind: redis\n    instances: [").append(endpoints(redis.values())).append("]\n");
        y.append("    master: ").append(redis.get("app1").endpoint()).append('\n');
        y.append("    sentinel: watchers\n    master_name: ").append(MASTER_NAME).append('\n');
        if (password != null) {
            y.append("    auth: { password_env: ").append(PASSWORD_ENV).append(" }\n");
        }
        y.append("  watchers:\n    kind: sentinel\n    instances: [").append(endpoints(sentinels.values())).append("]\n");
        y.append("    quorum: 2\n");
        try {
            Files.writeString(inventory(), y.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String endpoints(java.util.Collection<? extends ServerProcess> nodes) {
        return String.join(", ", nodes.stream().map(ServerProcess::endpoint).toList());
    }

    private void stopAll() {
        for (String h : HOSTS) {
            try {
                nodesOn(h).forEach(ServerProcess::kill);
            } catch (RuntimeException ignored) {
                // a host never created: nothing to stop
            }
        }
    }

    /** Stops every process (kill -9: lab data is disposable) and deletes the lab dir unless STAGGER_LAB_KEEP is set. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway
        }
        LabSupport.deleteUnlessKept(dir);
    }
}
