package dev.stagger.live;

import dev.stagger.live.cluster.ClusterInfo;
import dev.stagger.live.cluster.ClusterNodesParser;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.redis.Addresses;
import dev.stagger.live.redis.ClientConfigs;
import dev.stagger.live.redis.Credentials;
import dev.stagger.live.redis.GuardedJedis;
import dev.stagger.live.redis.InfoParser;
import dev.stagger.live.redis.RedisInfo;
import dev.stagger.live.redis.RespGuard;
import dev.stagger.model.AppService;
import dev.stagger.model.Auth;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Probes instances concurrently and returns one {@link LiveSnapshot}. Every probe has connect
 * and read timeouts, and the whole round has a deadline of about one probe's budget, so a wall of
 * dead hosts costs one timeout, not one per host. Anything that fails is recorded as unhealthy with its reason.
 */
public final class LiveProber {
    private static final int MAX_THREADS = 32;

    private final ProbeSettings settings;

    public LiveProber(ProbeSettings settings) {
        this.settings = settings;
    }

    public LiveProber() {
        this(ProbeSettings.DEFAULT);
    }

    public ProbeSettings settings() {
        return settings;
    }

    /** Probes every instance of the inventory. */
    public LiveSnapshot probe(Inventory inventory) {
        return probe(inventory, inventory.allInstances());
    }

    /** Probes only the given instances (e.g. one step's targets while waiting for them to be ready). */
    public LiveSnapshot probe(Inventory inventory, Collection<Instance> instances) {
        Addresses addresses = new Addresses(inventory);
        Map<String, List<String>> masterNamesBySentinelGroup = masterNamesBySentinelGroup(inventory);
        Map<Instance, Future<?>> futures = new LinkedHashMap<>();
        Instant at = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_THREADS, instances.size())),
                r -> {
                    Thread t = new Thread(r, "stagger-probe");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (Instance i : instances) {
                Service s = inventory.service(i.service()).orElse(null);
                if (s == null) {
                    continue;
                }
                String address = addresses.of(i.endpoint());
                futures.put(i, pool.submit(() -> probeOne(s, i, address, addresses, masterNamesBySentinelGroup)));
            }
            return collect(inventory, addresses, futures, at);
        } finally {
            pool.shutdownNow();
        }
    }

    private LiveSnapshot collect(Inventory inventory, Addresses addresses, Map<Instance, Future<?>> futures, Instant at) {
        Map<Instance, RedisProbe> redis = new HashMap<>();
        Map<Instance, SentinelProbe> sentinels = new HashMap<>();
        Map<Instance, AppProbe> apps = new HashMap<>();
        long deadline = System.nanoTime() + settings.perProbeBudget().plusMillis(500).toNanos();
        for (var e : futures.entrySet()) {
            Instance i = e.getKey();
            Object result;
            try {
                result = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException ex) {
                e.getValue().cancel(true);
                result = failed(inventory, i, addresses.of(i.endpoint()), "did not answer within "
                        + settings.perProbeBudget().toMillis() + " ms");
            } catch (ExecutionException ex) {
                result = failed(inventory, i, addresses.of(i.endpoint()), "probe failed: " + describe(ex.getCause()));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while probing", ex);
            }
            if (result instanceof RedisProbe p) {
                redis.put(i, p);
            } else if (result instanceof SentinelProbe p) {
                sentinels.put(i, p);
            } else if (result instanceof AppProbe p) {
                apps.put(i, p);
            }
        }
        return new LiveSnapshot(at, redis, sentinels, apps);
    }

    private static Object failed(Inventory inventory, Instance i, String address, String reason) {
        Service s = inventory.service(i.service()).orElseThrow();
        if (s instanceof SentinelService) {
            return SentinelProbe.unreachable(i, address, reason);
        }
        if (s instanceof AppService) {
            return new AppProbe(i, address, false, reason);
        }
        return RedisProbe.unreachable(i, address, reason);
    }

    private Object probeOne(Service s, Instance i, String address, Addresses addresses,
                            Map<String, List<String>> masterNames) {
        if (s instanceof RedisService r) {
            return probeRedis(i, address, addresses.addressOf(i.host()), r.auth(), false);
        }
        if (s instanceof RedisClusterService c) {
            return probeRedis(i, address, addresses.addressOf(i.host()), c.auth(), true);
        }
        if (s instanceof SentinelService st) {
            return probeSentinel(i, address, addresses.addressOf(i.host()), st.auth(),
                    masterNames.getOrDefault(st.name(), List.of()));
        }
        AppService a = (AppService) s;
        return probeApp(i, a.health(), addresses.addressOf(i.host()));
    }

    private RedisProbe probeRedis(Instance i, String address, String host, Auth auth, boolean clusterNode) {
        try (Jedis jedis = connect(host, i.endpoint().port(), auth)) {
            String infoText;
            try {
                infoText = jedis.info();
            } catch (JedisDataException e) {
                return loadingOr(i, address, e);
            }
            RedisInfo info = InfoParser.parse(infoText + writeSettings(jedis) + (clusterNode ? nodeTimeout(jedis) : ""));
            RoleReply role = RoleReply.parse(jedis.role());
            ClusterView cluster = clusterNode && !info.loading() ? clusterView(jedis, address) : null;
            return new RedisProbe(i, address, true, info.loading(),
                    info.loading() ? "loading its dataset (loading:1)" : null, role, info, cluster);
        } catch (ProbeException e) {
            return RedisProbe.unreachable(i, address, e.getMessage());
        } catch (JedisDataException e) {
            return loadingOr(i, address, e);
        } catch (RuntimeException e) {
            return RedisProbe.unreachable(i, address, describe(e));
        }
    }

    /**
     * {@code min-replicas-to-write} and {@code min-replicas-max-lag}: a replica promoted with more
     * required replicas than will follow it in time refuses every write (NOREPLICAS). Left out when
     * CONFIG is refused (renamed or denied by ACL): unknown, and the write test after a failover
     * still catches it.
     */
    private static String writeSettings(Jedis jedis) {
        Map<String, String> c = config(jedis, "min-replicas-*");
        return line(InfoParser.MIN_REPLICAS_TO_WRITE, c.get("min-replicas-to-write"))
                + line(InfoParser.MIN_REPLICAS_MAX_LAG, c.get("min-replicas-max-lag"));
    }

    /** A cluster node's {@code cluster-node-timeout} (ms): a fork longer than it can get the node failed over. */
    private static String nodeTimeout(Jedis jedis) {
        return line(InfoParser.CLUSTER_NODE_TIMEOUT, config(jedis, "cluster-node-timeout").get("cluster-node-timeout"));
    }

    private static Map<String, String> config(Jedis jedis, String pattern) {
        try {
            return jedis.configGet(pattern);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** An extra INFO-style line for the parser, or nothing when the value is unknown or not a number. */
    private static String line(String key, String value) {
        return value == null || !value.trim().matches("-?\\d+") ? "" : "\r\n" + key + ":" + value.trim();
    }

    /**
     * The node's own CLUSTER NODES and CLUSTER INFO, read on the probe's connection so every node's
     * view is there for split-brain; null when it refuses them (cluster support disabled), which
     * the cluster rules report.
     */
    private static ClusterView clusterView(Jedis jedis, String address) {
        try {
            return new ClusterView(address, ClusterInfo.parse(jedis.clusterInfo()),
                    ClusterNodesParser.parse(jedis.clusterNodes()), Map.of());
        } catch (JedisDataException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A data error: {@code -LOADING} means answering but not ready; anything else means unhealthy. */
    static RedisProbe loadingOr(Instance i, String address, JedisDataException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.startsWith("LOADING")) {
            return new RedisProbe(i, address, true, true, "loading its dataset (-LOADING)", null, null);
        }
        String auth = authFailure(msg);
        return RedisProbe.unreachable(i, address, auth != null ? auth : "replied " + firstLine(msg));
    }

    /** The reason for a reply that refuses stagger's credentials, or null for any other reply. */
    private static String authFailure(String msg) {
        if (msg != null && (msg.startsWith("WRONGPASS") || msg.startsWith("NOAUTH") || msg.contains("invalid password"))) {
            return RedisProbe.AUTH_FAILED + " (" + firstLine(msg) + "): check the password_env / password_file and user";
        }
        return null;
    }

    private SentinelProbe probeSentinel(Instance i, String address, String host, Auth auth, List<String> names) {
        try (Jedis jedis = connect(host, i.endpoint().port(), auth)) {
            Map<String, Map<String, String>> masters = new HashMap<>();
            for (Map<String, String> m : jedis.sentinelMasters()) {
                masters.put(m.get("name"), m);
            }
            Map<String, SentinelView> views = new LinkedHashMap<>();
            for (String name : names) {
                Map<String, String> m = masters.get(name);
                if (m == null) {
                    views.put(name, SentinelView.of(name, null, null, 0, 0, false, "does not monitor " + name));
                    continue;
                }
                List<String> addr = jedis.sentinelGetMasterAddrByName(name);
                int sentinels = jedis.sentinelSentinels(name).size();
                int replicas = jedis.sentinelReplicas(name).size();
                boolean quorumOk;
                String quorumMessage;
                try {
                    Object r = jedis.sendCommand(Protocol.Command.SENTINEL, "CKQUORUM", name);
                    quorumOk = true;
                    quorumMessage = r instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(r);
                } catch (JedisDataException e) {
                    quorumOk = false;
                    quorumMessage = firstLine(String.valueOf(e.getMessage()));
                }
                String a = addr == null || addr.size() < 2 ? null : addr.get(0) + ":" + addr.get(1);
                views.put(name, SentinelView.of(name, m, a, sentinels, replicas, quorumOk, quorumMessage));
            }
            return new SentinelProbe(i, address, true, null, views);
        } catch (ProbeException e) {
            return SentinelProbe.unreachable(i, address, e.getMessage());
        } catch (RuntimeException e) {
            return SentinelProbe.unreachable(i, address, describe(e));
        }
    }

    private AppProbe probeApp(Instance i, String template, String address) {
        if (template == null) {
            // Without a health check nothing can say the instance is up: unknown is unhealthy.
            return new AppProbe(i, "-", false, "no `health:` declared for " + i.service()
                    + ", so its health cannot be seen; declare one (http://, https:// or tcp://)");
        }
        String target;
        try {
            target = HealthUrl.expand(template, i.endpoint(), address);
        } catch (IllegalArgumentException e) {
            return new AppProbe(i, template, false, e.getMessage());
        }
        try {
            if (target.startsWith("tcp://")) {
                URI uri = URI.create(target);
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), millis(settings.connectTimeout()));
                }
                return new AppProbe(i, target, true, null);
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create(target)).timeout(settings.readTimeout()).GET().build();
            // Only the status counts: the body is never read (a health endpoint that streams without end,
            // or a huge page, must cost neither memory nor a probe that never returns).
            HttpResponse<java.io.InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            resp.body().close();
            int code = resp.statusCode();
            return code >= 200 && code < 300
                    ? new AppProbe(i, target, true, null)
                    : new AppProbe(i, target, false, "answered HTTP " + code);
        } catch (IOException | IllegalArgumentException e) {
            return new AppProbe(i, target, false, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AppProbe(i, target, false, "interrupted");
        }
    }

    private Jedis connect(String host, int port, Auth auth) throws ProbeException {
        JedisClientConfig config;
        try {
            config = ClientConfigs.of(auth, settings.env(), settings.connectTimeout(), settings.readTimeout(), null);
        } catch (Credentials.Unavailable e) {
            throw new ProbeException(e.getMessage());
        }
        Jedis jedis = GuardedJedis.open(host, port, config);
        try {
            jedis.connect();
            return jedis;
        } catch (RuntimeException e) {
            jedis.close();
            throw new ProbeException(describe(e));
        }
    }

    /** Which master names each sentinel group is asked about: the redis groups that name it. */
    private static Map<String, List<String>> masterNamesBySentinelGroup(Inventory inventory) {
        Map<String, List<String>> out = new HashMap<>();
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisService r && r.sentinel() != null) {
                out.computeIfAbsent(r.sentinel(), k -> new ArrayList<>()).add(r.masterName());
            }
        }
        return out;
    }

    /**
     * A one-line reason from a failure: its root cause, no stack, no secrets (clients never echo
     * passwords), no Java class names. A reply of the wrong shape (a peer that is not Redis, or not the
     * kind asked) surfaces in the client as a cast or number error: it is said as such.
     */
    public static String describe(Throwable e) {
        if (e instanceof ClassCastException || e instanceof NumberFormatException || e instanceof IndexOutOfBoundsException
                || e instanceof NullPointerException) {
            return "does not answer like Redis (a reply of the wrong shape)";
        }
        Throwable root = e;
        while (true) {
            // A refused connect or a timeout is named by the first exception in the chain that says so:
            // the JDK's HttpClient wraps a refused connect's ConnectException around a ClosedChannelException.
            if (root instanceof java.net.SocketTimeoutException || root instanceof java.net.http.HttpTimeoutException) {
                return "timed out (" + firstLine(String.valueOf(root.getMessage())) + ")";
            }
            if (root instanceof java.net.ConnectException) {
                return "connection refused";
            }
            // Jedis reports a refused connect as a wrapper whose real reason is a cause or a suppressed exception.
            Throwable next = root.getCause() != null && root.getCause() != root ? root.getCause()
                    : root.getSuppressed().length > 0 ? root.getSuppressed()[0] : null;
            if (next == null) {
                break;
            }
            root = next;
        }
        if (root instanceof RespGuard.NotRedis) {
            return "does not answer like Redis: " + root.getMessage();
        }
        String msg = root.getMessage();
        String auth = authFailure(msg);
        if (auth != null) {
            return auth;
        }
        return msg == null ? "failed without a reason" : firstLine(msg);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int millis(Duration d) {
        return ClientConfigs.millis(d);
    }

}
