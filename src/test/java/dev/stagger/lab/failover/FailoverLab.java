package dev.stagger.lab.failover;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.ServerProcess;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A failover lab: hosts r1, r2, r3 on 127.0.0.1, each with a redis-server (r1 master, r2 and r3 its
 * replicas) and optionally a sentinel (quorum 2, down-after 1 s). r3 gets the better (lower)
 * {@code replica-priority}, so a bare {@code SENTINEL FAILOVER} would pick it and steering to r2
 * really has to work. The inventory is built in memory, with a password file when asked.
 */
public final class FailoverLab implements AutoCloseable {
    public static final String MASTER_NAME = "cache";
    public static final List<String> HOSTS = List.of("r1", "r2", "r3");
    /** Priorities as configured: r3 is the one sentinels prefer. */
    public static final Map<String, String> PRIORITIES = Map.of("r1", "100", "r2", "100", "r3", "10");

    private final Path dir;
    private final Map<String, RedisNode> redis = new LinkedHashMap<>();
    private final List<SentinelNode> sentinels = new ArrayList<>();
    private final String password;
    private final Inventory inventory;

    /** The lab's sentinel INFO period: short, so that a steered priority is seen quickly. */
    public static final Duration LAB_INFO_PERIOD = Duration.ofMillis(500);

    /** @param infoPeriod the sentinels' INFO period, or null for Redis's own (10 s) */
    private FailoverLab(boolean withSentinels, String password, Duration infoPeriod) {
        this.password = password;
        try {
            dir = Files.createTempDirectory("stagger-failover-lab");
            int[] ports = LabSupport.freePorts(6);
            for (int i = 0; i < 3; i++) {
                String h = HOSTS.get(i);
                redis.put(h, RedisNode.create(dir.resolve(h).resolve("redis"), "redis-" + h, h, ports[i],
                        i == 0 ? 0 : ports[0], password, debuggable(List.of("replica-priority " + PRIORITIES.get(h)))));
            }
            if (withSentinels) {
                for (int i = 0; i < 3; i++) {
                    String h = HOSTS.get(i);
                    sentinels.add(SentinelNode.create(dir.resolve(h).resolve("sentinel"), "sentinel-" + h, h,
                            ports[3 + i], MASTER_NAME, ports[0], 2, password, List.of(ports[1], ports[2]),
                            List.of(ports[3], ports[4], ports[5])));
                }
            }
            Path passwordFile = null;
            if (password != null) {
                passwordFile = dir.resolve("redis.password");
                Files.writeString(passwordFile, password + "\n");
            }
            inventory = buildInventory(passwordFile);
            redis.values().forEach(ServerProcess::start);
            sentinels.forEach(ServerProcess::start);
            // Sentinels re-read replicas' INFO every 10 s, so a steered priority takes up to 10 s to be
            // seen. The failover waits for that; the lab shortens the period only to keep tests fast.
            if (infoPeriod != null) {
                sentinels.forEach(s -> s.call("SENTINEL", "DEBUG", "INFO-PERIOD", Long.toString(infoPeriod.toMillis())));
            }
            awaitSettled(Duration.ofSeconds(20));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** DEBUG is refused by default from Redis 7 on, and the directive that allows it is unknown to 6.2. */
    private static List<String> debuggable(List<String> config) {
        List<String> out = new ArrayList<>(config);
        if (majorVersion() >= 7) {
            out.add("enable-debug-command local");
        }
        return out;
    }

    private static int majorVersion() {
        try {
            Process p = new ProcessBuilder(dev.stagger.lab.RedisBinary.redisServer().toString(), "--version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("v=(\\d+)\\.").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 7;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 7;
        }
    }

    public static FailoverLab withSentinels() {
        return new FailoverLab(true, null, LAB_INFO_PERIOD);
    }

    /** @param infoPeriod the sentinels' INFO period, or null to keep Redis's own (10 s, as in production) */
    public static FailoverLab withSentinels(Duration infoPeriod) {
        return new FailoverLab(true, null, infoPeriod);
    }

    /** No sentinels (FAILOVER TO), with requirepass read from a password file by stagger. */
    public static FailoverLab withoutSentinels(String password) {
        return new FailoverLab(false, password, null);
    }

    private Inventory buildInventory(Path passwordFile) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            hosts.put(HOSTS.get(i), new Host(HOSTS.get(i), "dc" + (i + 1), "127.0.0.1", HostState.UP, Position.NONE));
        }
        Map<String, Service> services = new LinkedHashMap<>();
        List<Endpoint> redisEndpoints = HOSTS.stream().map(this::endpoint).toList();
        Auth auth = passwordFile == null ? Auth.NONE : new Auth(null, null, passwordFile, false);
        services.put("cache", new RedisService("cache", redisEndpoints, endpoint("r1"),
                sentinels.isEmpty() ? null : "watchers", MASTER_NAME, auth, List.of(), Position.NONE));
        if (!sentinels.isEmpty()) {
            services.put("watchers", new SentinelService("watchers",
                    sentinels.stream().map(s -> Endpoint.of(s.host(), s.port())).toList(), 2, Auth.NONE,
                    List.of(), Position.NONE));
        }
        return new Inventory("failover-lab", dir.resolve("inventory.yaml").toString(), Defaults.STANDARD,
                Policy.STANDARD, hosts, services);
    }

    public Inventory inventory() {
        return inventory;
    }

    /**
     * The lab with sentinels as an inventory file's text, for tests that run the CLI on it: hosts
     * r1..r3 in dc1..dc3 (one of them {@code state: down} when {@code downHost} is given), the cache
     * group with r1 as master, its sentinels {@code watchers} at quorum 2.
     */
    public String inventoryYaml(String cluster, String downHost) {
        StringBuilder y = new StringBuilder("cluster: " + cluster + "\ndefaults:\n  min_ready: 1s\n  ready_timeout: 30s\nhosts:\n");
        for (int i = 0; i < HOSTS.size(); i++) {
            String h = HOSTS.get(i);
            y.append("  ").append(h).append(": { dc: dc").append(i + 1).append(", address: 127.0.0.1")
                    .append(h.equals(downHost) ? ", state: down" : "").append(" }\n");
        }
        y.append("services:\n  cache:\n    kind: redis\n    instances: [")
                .append(redisNodes().stream().map(RedisNode::endpoint).collect(Collectors.joining(", "))).append("]\n")
                .append("    master: ").append(redis("r1").endpoint()).append("\n    sentinel: watchers\n")
                .append("    master_name: ").append(MASTER_NAME).append('\n');
        y.append("  watchers:\n    kind: sentinel\n    instances: [")
                .append(sentinels().stream().map(SentinelNode::endpoint).collect(Collectors.joining(", "))).append("]\n")
                .append("    quorum: 2\n");
        return y.toString();
    }

    public RedisService cache() {
        return (RedisService) inventory.service("cache").orElseThrow();
    }

    public RedisNode redis(String host) {
        return redis.get(host);
    }

    public List<RedisNode> redisNodes() {
        return List.copyOf(redis.values());
    }

    public List<SentinelNode> sentinels() {
        return sentinels;
    }

    public Endpoint endpoint(String host) {
        return Endpoint.of(host, redis.get(host).port());
    }

    public String password() {
        return password;
    }

    /** The host whose redis says role:master (the first one, if two do). */
    public String masterHost() {
        for (Map.Entry<String, RedisNode> e : redis.entrySet()) {
            if (e.getValue().isRunning() && "master".equals(e.getValue().info("role"))) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no master in the lab");
    }

    /** Waits until every running replica is linked and the sentinels know each other and every replica. */
    public void awaitSettled(Duration timeout) {
        LabSupport.await("settled failover lab", timeout, Duration.ofMillis(100), this::unsettledReason);
    }

    private String unsettledReason() {
        try {
            int masters = 0;
            for (RedisNode r : redis.values()) {
                if (!r.isRunning()) {
                    continue;
                }
                if ("master".equals(r.info("role"))) {
                    masters++;
                } else if (!"up".equals(r.info("master_link_status"))) {
                    return r + " link " + r.info("master_link_status");
                }
            }
            if (masters != 1) {
                return masters + " masters";
            }
            String master = "127.0.0.1:" + redis.get(masterHost()).port();
            long replicas = redis.values().stream().filter(ServerProcess::isRunning).count() - 1;
            // A replica says link up a beat before its master lists it online (ROLE, FAILOVER TO wait for that).
            RedisNode m = redis.get(masterHost());
            for (int i = 0; i < replicas; i++) {
                String line = m.info("slave" + i);
                if (line == null || !line.contains("state=online")) {
                    return m + " lists replica " + i + " as " + line;
                }
            }
            for (SentinelNode s : sentinels) {
                if (!master.equals(s.masterAddress(MASTER_NAME))) {
                    return s + " names " + s.masterAddress(MASTER_NAME);
                }
                if (s.knownSentinels(MASTER_NAME) < sentinels.size() - 1) {
                    return s + " knows " + s.knownSentinels(MASTER_NAME) + " sentinels";
                }
                if (s.knownReplicas(MASTER_NAME) < replicas) {
                    return s + " knows " + s.knownReplicas(MASTER_NAME) + " replicas";
                }
                String unlinked = s.unlinkedPeer(MASTER_NAME, port -> java.util.stream.Stream.concat(
                        redis.values().stream(), sentinels.stream()).anyMatch(n -> n.port() == port && n.isRunning()));
                if (unlinked != null) {
                    return unlinked;
                }
            }
            return null;
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        for (SentinelNode s : sentinels) {
            s.kill();
        }
        for (RedisNode r : redis.values()) {
            r.kill();
        }
        LabSupport.deleteUnlessKept(dir);
    }
}
