package dev.stagger.load;

import dev.stagger.concurrent.Beside;
import dev.stagger.model.Defaults;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import dev.stagger.model.Service;
import dev.stagger.model.StaggerException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads an inventory: the cluster's name, defaults, policy, hosts and services. Every error of the
 * file is collected before anything is thrown.
 */
public final class InventoryLoader {
    private static final List<String> TOP = List.of("cluster", "defaults", "policy", "hosts", "services");
    private static final List<String> DEFAULTS = List.of("min_ready", "ready_timeout", "hook_timeout");
    private static final List<String> POLICY = List.of("max_down_dcs", "max_lag", "memory_headroom", "lock_group", "lock",
            "cluster_quiet");
    private static final List<String> HOST = List.of("dc", "address", "state");
    /** Host lines worth a thread of their own (about 1,000 hosts): below that, starting one costs more than it saves. */
    static final int CONCURRENT_HOSTS_BYTES = 40_000;

    private InventoryLoader() {
    }

    /** @throws StaggerException exit 2 with every error of the file, or one if it cannot be read */
    public static Inventory load(Path path) {
        return parse(SourceFile.read(path), path.toString(), path);
    }

    /**
     * @param fileName used in messages and to resolve {@code password_file} (relative to its directory)
     * @throws StaggerException exit 2 with every error of the text
     */
    public static Inventory parse(String yaml, String fileName) {
        return parse(yaml, fileName, Path.of(fileName.isEmpty() ? "." : fileName));
    }

    private static Inventory parse(String yaml, String fileName, Path path) {
        return parse(yaml, fileName, path, true);
    }

    /**
     * @param shortcuts false to read the file the ordinary way even when a shortcut could (the hosts
     *                  from their lines, the services in two halves): tests compare the two
     */
    static Inventory parse(String yaml, String fileName, Path path, boolean shortcuts) {
        HostLines.Span span = shortcuts && !yaml.startsWith("\uFEFF") ? HostLines.span(yaml) : null;
        if (span != null) {
            Diagnostics d = new Diagnostics(fileName);
            // The rest of the file is composed while the hosts are read: neither needs the other.
            Beside<Optional<Node>> rest = Beside.start(span.end() - span.start() >= CONCURRENT_HOSTS_BYTES,
                    "stagger-inventory-yaml", () -> SafeYaml.composeWithout(yaml, span, d));
            HostLines.Section hosts = HostLines.read(yaml, fileName);
            Optional<Node> root = rest.get();
            if (hosts != null && hosts.span().equals(span)) {
                Optional<Inventory> inventory = root.flatMap(r -> read(r, d, path, hosts.hosts(), true));
                if (inventory.isPresent() && !d.hasErrors()) {
                    return inventory.get();
                }
            }
            // A file with any error is read again the ordinary way: its errors are that reader's, whole.
        }
        Diagnostics d = new Diagnostics(fileName);
        Optional<Inventory> inventory = SafeYaml.compose(yaml, d).flatMap(root -> read(root, d, path, null, shortcuts));
        d.throwIfAny();
        return inventory.orElseThrow();
    }

    /**
     * @param hostLines the hosts already read by {@link HostLines} (the tree's {@code hosts} is then empty), or null
     * @param halves    whether a big fleet's services may be read in two halves at once
     */
    private static Optional<Inventory> read(Node root, Diagnostics d, Path path, Map<String, Host> hostLines, boolean halves) {
        Optional<YamlMap> top = YamlMap.of(root, d, "an inventory with `cluster`, `hosts` and `services`");
        if (top.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = top.get();
        m.allowOnly(TOP, d);
        String cluster = m.require("cluster", d, "missing `cluster`: name the cluster (reports, journals and locks use it)")
                .flatMap(n -> Values.text(n, d, "the cluster's name").filter(t -> Names.checkPlainText("cluster name", t, n, d)))
                .orElse(null);
        Defaults defaults = m.get("defaults").map(n -> defaults(n, d)).orElse(Defaults.STANDARD);
        Policy policy = m.get("policy").map(n -> policy(n, d, path)).orElse(Policy.STANDARD);
        Map<String, Host> hosts = m.require("hosts", d, "missing `hosts`: declare the machines maintenance takes down")
                .map(n -> hostLines != null ? hostLines : hosts(n, d)).orElse(Map.of());
        Map<String, Service> services = m.require("services", d, "missing `services`: declare what runs on the hosts")
                .map(n -> new ServiceReader(hosts, d, path.getParent()).readAll(n, halves))
                .orElse(Map.of());
        m.get("policy").ifPresent(n -> checkLockGroup(n, policy, services, d));
        if (d.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Inventory(cluster, d.file(), defaults, policy, hosts, services));
    }

    private static Defaults defaults(Node node, Diagnostics d) {
        Optional<YamlMap> m = YamlMap.of(node, d, "`defaults`");
        if (m.isEmpty()) {
            return Defaults.STANDARD;
        }
        m.get().allowOnly(DEFAULTS, d);
        Duration minReady = m.get().get("min_ready").flatMap(n -> Values.duration(n, d, "min_ready"))
                .orElse(Defaults.STANDARD.minReady());
        Duration readyTimeout = m.get().get("ready_timeout").flatMap(n -> Values.duration(n, d, "ready_timeout"))
                .orElse(Defaults.STANDARD.readyTimeout());
        Duration hookTimeout = m.get().get("hook_timeout").flatMap(n -> Values.duration(n, d, "hook_timeout"))
                .orElse(Defaults.STANDARD.hookTimeout());
        ReadyWindow.check(minReady, readyTimeout, m.get().get("ready_timeout").or(() -> m.get().get("min_ready"))
                .orElse(node), "the inventory's defaults", d);
        return new Defaults(minReady, readyTimeout, hookTimeout);
    }

    private static Policy policy(Node node, Diagnostics d, Path inventoryPath) {
        Optional<YamlMap> m = YamlMap.of(node, d, "`policy`");
        if (m.isEmpty()) {
            return Policy.STANDARD;
        }
        m.get().allowOnly(POLICY, d);
        Integer maxDownDcs = m.get().get("max_down_dcs")
                .flatMap(n -> Values.integer(n, d, "max_down_dcs", 1, 1000)).orElse(null);
        long maxLag = m.get().get("max_lag").flatMap(n -> byteSize(n, d, "max_lag")).orElse(Policy.DEFAULT_MAX_LAG);
        int headroom = m.get().get("memory_headroom").flatMap(n -> Values.percent(n, d, "memory_headroom", 1))
                .orElse(Policy.DEFAULT_MEMORY_HEADROOM);
        String lockGroup = m.get().get("lock_group").flatMap(n -> Values.text(n, d, "a redis service's name")).orElse(null);
        Path lockFile = m.get().get("lock").flatMap(n -> lockFile(n, d, inventoryPath)).orElse(null);
        if (lockGroup != null && lockFile != null) {
            d.error(m.get().keyNode("lock"), "`lock: file:...` and `lock_group` both say where the run lock lives;"
                    + " keep one (the lock is either in Redis or in a file)");
        }
        boolean clusterQuiet = m.get().get("cluster_quiet").flatMap(n -> Values.bool(n, d, "cluster_quiet")).orElse(true);
        return new Policy(maxDownDcs, maxLag, headroom, lockGroup, lockFile, clusterQuiet);
    }

    /** {@code lock: file:PATH}: an explicit path, relative to the inventory's directory (never the working directory). */
    private static Optional<Path> lockFile(Node node, Diagnostics d, Path inventoryPath) {
        Optional<String> text = Values.text(node, d, "`file:PATH`");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get();
        if (!value.startsWith("file:") || value.length() == "file:".length()) {
            d.error(node, "expected `file:PATH` for `lock` (a lock file every operator's run uses), got `" + value
                    + "`; leave `lock` out to keep the lock in the cluster's Redis (see `lock_group`)");
            return Optional.empty();
        }
        Path file = Path.of(value.substring("file:".length()));
        Path dir = inventoryPath.toAbsolutePath().getParent();
        return Optional.of(file.isAbsolute() || dir == null ? file : dir.resolve(file).normalize());
    }

    /** The lock group must be a Redis service the run can write to. */
    private static void checkLockGroup(Node policyNode, Policy policy, Map<String, Service> services, Diagnostics d) {
        if (policy.lockGroup() == null) {
            return;
        }
        Optional<YamlMap> m = YamlMap.of(policyNode, new Diagnostics(d.file()), "`policy`");
        Node at = m.flatMap(map -> map.get("lock_group")).orElse(policyNode);
        Service s = services.get(policy.lockGroup());
        List<String> redis = services.values().stream().filter(InventoryLoader::holdsLocks).map(Service::name).toList();
        if (s == null) {
            d.error(at, Suggest.unknown("redis service", policy.lockGroup(), redis));
        } else if (!holdsLocks(s)) {
            d.error(at, "`lock_group` must name a redis or redis-cluster service, and " + s.name() + " is not one"
                    + (redis.isEmpty() ? "; without Redis use `lock: file:PATH`" : " (redis services: " + String.join(", ", redis) + ")"));
        }
    }

    private static boolean holdsLocks(Service s) {
        return s instanceof dev.stagger.model.RedisService || s instanceof dev.stagger.model.RedisClusterService;
    }

    private static Optional<Long> byteSize(Node node, Diagnostics d, String key) {
        if (node instanceof ScalarNode s && !Values.isNull(node)) {
            Optional<Long> n = ByteSizes.parse(s.getValue());
            if (n.isPresent()) {
                return n;
            }
        }
        String got = node instanceof ScalarNode s && !Values.isNull(node) ? "`" + s.getValue() + "`" : Values.describe(node);
        d.error(node, "expected a byte count such as 1048576, 512KiB or 1MiB (at most 1TiB) for `" + key + "`, got " + got);
        return Optional.empty();
    }

    private static Map<String, Host> hosts(Node node, Diagnostics d) {
        Map<String, Host> out = new LinkedHashMap<>();
        Optional<YamlMap> m = YamlMap.of(node, d, "`hosts`: host names with their `dc`");
        if (m.isEmpty()) {
            return out;
        }
        for (NodeTuple t : m.get().entries()) {
            String name = YamlMap.keyOf(t);
            Names.check("host", name, t.getKeyNode(), d);
            // A wrong host is still declared: instances on it should not be reported a second time.
            out.put(name, host(name, t, d).orElse(new Host(name, "?", name, HostState.UP, d.at(t.getKeyNode()))));
        }
        if (out.isEmpty()) {
            d.error(node, "`hosts` is empty: declare at least one host");
        }
        return out;
    }

    private static Optional<Host> host(String name, NodeTuple t, Diagnostics d) {
        Optional<YamlMap> fields = YamlMap.of(t.getValueNode(), d, "host " + name + "'s fields such as `{ dc: dc1 }`");
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = fields.get();
        m.allowOnly(HOST, d);
        Optional<String> dc = m.require("dc", d, "host " + name + " needs a `dc` (its data centre)")
                .flatMap(n -> Values.text(n, d, "a data centre name").filter(dcName -> Names.checkPlainText("data centre name", dcName, n, d)));
        if (dc.isPresent() && dc.get().toUpperCase(Locale.ROOT).startsWith("TODO")) {
            d.error(m.get("dc").orElseThrow(), "host " + name + " has no data centre yet: replace `" + dc.get()
                    + "` with its DC (discover could not tell)");
            dc = Optional.empty();
        }
        String address = m.get("address").flatMap(n -> Values.text(n, d, "an address")
                .filter(a -> HostAddress.check(name, a, n, d))).orElse(name);
        HostState state = m.get("state").flatMap(n -> state(n, d)).orElse(HostState.UP);
        return dc.map(value -> new Host(name, value, address, state, d.at(t.getKeyNode())));
    }

    private static Optional<HostState> state(Node node, Diagnostics d) {
        Optional<String> text = Values.text(node, d, "`up` or `down`");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        switch (text.get()) {
            case "up":
                return Optional.of(HostState.UP);
            case "down":
                return Optional.of(HostState.DOWN);
            default:
                d.error(node, Suggest.unknown("state", text.get(), List.of("up", "down")));
                return Optional.empty();
        }
    }
}
