package dev.stagger.load;

import dev.stagger.concurrent.Beside;
import dev.stagger.model.AppService;
import dev.stagger.model.Auth;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.Position;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The {@code services:} of an inventory, each by its {@code kind}. Names and kinds of all services
 * are gathered first, so {@code requires} and {@code sentinel} can refer to services written later.
 */
final class ServiceReader {
    static final List<String> KINDS = List.of("app", "redis", "sentinel", "redis-cluster");
    private static final String A_KIND = "a kind: " + String.join(", ", KINDS);
    private static final Map<String, List<String>> KEYS = Map.of(
            "app", List.of("kind", "instances", "min_healthy", "health", "write_check", "requires"),
            "redis", List.of("kind", "instances", "master", "sentinel", "master_name", "auth", "requires"),
            "sentinel", List.of("kind", "instances", "quorum", "auth", "requires"),
            "redis-cluster", List.of("kind", "instances", "shards", "auth", "requires"));

    /** Services worth reading in two halves on two threads (a fleet of about 5,000 hosts). */
    static final int CONCURRENT_SERVICES = 2_000;

    private final Map<String, Host> hosts;
    private final Diagnostics d;
    private final Path baseDir;
    /** Every service name, with its kind when the kind is valid (null otherwise). */
    private final Map<String, String> kinds;
    /** Which service first used an endpoint with a port, and where: two services cannot share one. */
    private final Map<Endpoint, Values.Named> owners = new LinkedHashMap<>();
    /** Health URL templates that passed their checks: see {@link AppFields#health}. */
    private final Map<String, Set<String>> checkedHealthUrls = new HashMap<>();
    /** Each service's {@code requires} entries, for the cycle check once all are read. */
    private final Map<String, List<Values.Named>> requireEdges = new LinkedHashMap<>();

    ServiceReader(Map<String, Host> hosts, Diagnostics d, Path baseDir) {
        this(hosts, d, baseDir, new LinkedHashMap<>());
    }

    private ServiceReader(Map<String, Host> hosts, Diagnostics d, Path baseDir, Map<String, String> kinds) {
        this.hosts = hosts;
        this.d = d;
        this.baseDir = baseDir;
        this.kinds = kinds;
    }

    /** @param halves false to read one service after another even on a big fleet: tests compare the two */
    Map<String, Service> readAll(Node node, boolean halves) {
        Optional<YamlMap> m = YamlMap.of(node, d, "`services`: service names with their `kind` and `instances`");
        if (m.isEmpty()) {
            return new LinkedHashMap<>();
        }
        List<NodeTuple> entries = m.get().entries();
        for (NodeTuple t : entries) {
            kinds.put(YamlMap.keyOf(t), kindOf(t.getValueNode()));
        }
        Map<String, Service> out = halves && entries.size() >= CONCURRENT_SERVICES ? inHalves(entries) : null;
        if (out == null) {
            out = read(entries);
        }
        RequiresCycles.report(requireEdges, d);
        return out;
    }

    private Map<String, Service> read(List<NodeTuple> entries) {
        Map<String, Service> out = new LinkedHashMap<>();
        for (NodeTuple t : entries) {
            String name = YamlMap.keyOf(t);
            if (Names.check("service", name, t.getKeyNode(), d)) {
                service(name, t).ifPresent(s -> out.put(name, s));
            }
        }
        return out;
    }

    /**
     * The services read as two halves on two threads, each half by a reader of its own (the kinds
     * are only read by then); null when either half found an error, or an endpoint is in both halves:
     * the caller then reads them one after another, so the errors are exactly that reading's.
     */
    private Map<String, Service> inHalves(List<NodeTuple> entries) {
        int mid = entries.size() / 2;
        ServiceReader first = new ServiceReader(hosts, new Diagnostics(d.file()), baseDir, kinds);
        ServiceReader second = new ServiceReader(hosts, new Diagnostics(d.file()), baseDir, kinds);
        Beside<Map<String, Service>> later = Beside.start(true, "stagger-services",
                () -> second.read(entries.subList(mid, entries.size())));
        Map<String, Service> out = first.read(entries.subList(0, mid));
        Map<String, Service> rest = later.get();
        if (first.d.hasErrors() || second.d.hasErrors()
                || second.owners.keySet().stream().anyMatch(first.owners::containsKey)) {
            return null;
        }
        out.putAll(rest);
        owners.putAll(first.owners);
        owners.putAll(second.owners);
        requireEdges.putAll(first.requireEdges);
        requireEdges.putAll(second.requireEdges);
        return out;
    }

    private static String kindOf(Node node) {
        if (node instanceof org.yaml.snakeyaml.nodes.MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("kind")
                        && t.getValueNode() instanceof ScalarNode v && KINDS.contains(v.getValue())) {
                    return v.getValue();
                }
            }
        }
        return null;
    }

    private Optional<Service> service(String name, NodeTuple t) {
        Optional<YamlMap> fields = YamlMap.of(t.getValueNode(), d, () -> "service " + name + "'s fields");
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        YamlMap m = fields.get();
        Optional<String> kind = m.require("kind", d, () -> "service " + name + " needs a `kind`: " + String.join(", ", KINDS))
                .flatMap(n -> Values.text(n, d, A_KIND));
        if (kind.isPresent() && !KINDS.contains(kind.get())) {
            d.error(m.get("kind").orElseThrow(), Suggest.unknown("kind", kind.get(), KINDS)
                    .replace(" (known: ", " (one of: "));
            return Optional.empty();
        }
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        checkKeys(m, kind.get());
        int before = d.count();
        Map<Endpoint, Node> instances = instances(name, kind.get(), m);
        List<Endpoint> endpoints = List.copyOf(instances.keySet());
        List<String> requires = m.get("requires").map(n -> requires(name, n)).orElse(List.of());
        Position at = d.at(t.getKeyNode());
        Service s = switch (kind.get()) {
            case "app" -> new AppService(name, endpoints, AppFields.minHealthy(m, endpoints.size(), d),
                    AppFields.health(m, endpoints, d, checkedHealthUrls),
                    requires, at, WriteCheckReader.read(m, endpoints, d));
            case "redis" -> new RedisService(name, endpoints, master(name, m, instances), sentinel(m),
                    m.get("master_name").flatMap(n -> Values.text(n, d, "the name sentinels monitor it under"))
                            .orElse(name),
                    auth(m), requires, at);
            case "sentinel" -> new SentinelService(name, endpoints, quorum(m, endpoints.size()), auth(m), requires, at);
            default -> new RedisClusterService(name, endpoints,
                    m.require("shards", d, () -> "service " + name + " needs `shards`: each shard's instances, its master first")
                            .flatMap(n -> Shards.read(n, name, instances, d)).orElse(List.of()),
                    auth(m), requires, at);
        };
        return d.count() == before ? Optional.of(s) : Optional.empty();
    }

    /** A key that belongs to another kind gets a message saying so, rather than "unknown". */
    private void checkKeys(YamlMap m, String kind) {
        List<String> allowed = KEYS.get(kind);
        for (String key : m.keys()) {
            if (allowed.contains(key)) {
                continue;
            }
            List<String> owners = KINDS.stream().filter(k -> KEYS.get(k).contains(key)).toList();
            if (!owners.isEmpty()) {
                d.error(m.keyNode(key), "`" + key + "` does not apply to " + Suggest.article(kind) + " service (only to "
                        + String.join(", ", owners) + ")");
            } else {
                d.error(m.keyNode(key), YamlMap.unknownKey(key, allowed));
            }
        }
    }

    private Map<Endpoint, Node> instances(String service, String kind, YamlMap m) {
        Map<Endpoint, Node> out = new LinkedHashMap<>();
        Optional<List<Node>> list = m.require("instances", d, () -> "service " + service + " needs `instances`")
                .flatMap(n -> Values.list(n, d, "a list of instances such as [app1, app2:6379]"));
        if (list.isEmpty()) {
            return out;
        }
        if (list.get().isEmpty()) {
            d.error(m.get("instances").orElseThrow(), "service " + service + " needs at least one instance");
        }
        for (Values.Named i : Values.texts(list.get(), d, "an instance: host or host:port")) {
            Optional<Endpoint> e = Endpoints.parse(i.name(), i.node(), !kind.equals("app"), hosts, d);
            if (e.isEmpty()) {
                continue;
            }
            if (out.containsKey(e.get())) {
                d.error(i.node(), "`" + i.name() + "` is listed twice in " + service);
                continue;
            }
            Values.Named owner = owners.get(e.get());
            if (owner != null) {
                d.error(i.node(), "`" + i.name() + "` is already an instance of " + owner.name() + " (line "
                        + (owner.node().getStartMark().getLine() + 1) + "): two services cannot share an endpoint");
                continue;
            }
            if (e.get().hasPort()) {
                owners.put(e.get(), new Values.Named(service, i.node()));
            }
            out.put(e.get(), i.node());
        }
        return out;
    }

    private List<String> requires(String service, Node node) {
        List<String> out = new ArrayList<>();
        for (Values.Named r : Values.texts(Values.oneOrMany(node, d, "a list of service names").orElse(List.of()),
                d, "a service name")) {
            if (r.name().equals(service)) {
                d.error(r.node(), "service " + service + " cannot require itself");
            } else if (!kinds.containsKey(r.name())) {
                d.error(r.node(), () -> Suggest.unknown("service", r.name(), otherServices(service)));
            } else if (!out.contains(r.name())) {
                out.add(r.name());
                requireEdges.computeIfAbsent(service, k -> new ArrayList<>()).add(r);
            }
        }
        return List.copyOf(out);
    }

    private List<String> otherServices(String service) {
        return kinds.keySet().stream().filter(s -> !s.equals(service)).toList();
    }

    private Endpoint master(String service, YamlMap m, Map<Endpoint, Node> instances) {
        Optional<Node> node = m.get("master");
        if (node.isEmpty()) {
            if (instances.size() > 1) {
                d.error(m.node(), "service " + service + " needs `master`: which of its " + instances.size()
                        + " instances is the master");
            }
            return instances.isEmpty() ? null : instances.keySet().iterator().next();
        }
        Optional<String> text = Values.text(node.get(), d, "the master's host:port");
        if (text.isEmpty()) {
            return null;
        }
        for (Endpoint e : instances.keySet()) {
            if (e.toString().equals(text.get())) {
                return e;
            }
        }
        List<String> names = instances.keySet().stream().map(Endpoint::toString).toList();
        d.error(node.get(), "master `" + text.get() + "` is not an instance of " + service
                + Suggest.closest(text.get(), names).map(n -> "; did you mean `" + n + "`?")
                        .orElse(" (instances: " + Suggest.list(names) + ")"));
        return null;
    }

    private String sentinel(YamlMap m) {
        Optional<Node> node = m.get("sentinel");
        if (node.isEmpty()) {
            return null;
        }
        Optional<String> name = Values.text(node.get(), d, "the name of a sentinel service");
        if (name.isEmpty()) {
            return null;
        }
        // Built only for a message: every redis group names its sentinels, and a fleet has thousands.
        Supplier<List<String>> sentinelNames = () -> kinds.entrySet().stream()
                .filter(e -> "sentinel".equals(e.getValue())).map(Map.Entry::getKey).toList();
        if (!kinds.containsKey(name.get())) {
            List<String> sentinels = sentinelNames.get();
            d.error(node.get(), Suggest.unknown("sentinel service", name.get(), sentinels));
        } else if (kinds.get(name.get()) != null && !kinds.get(name.get()).equals("sentinel")) {
            List<String> sentinels = sentinelNames.get();
            d.error(node.get(), "`" + name.get() + "` is " + Suggest.article(kinds.get(name.get()))
                    + " service, not a sentinel group" + (sentinels.isEmpty() ? "" : " (sentinel services: "
                    + Suggest.list(sentinels) + ")"));
        }
        return name.get();
    }

    private int quorum(YamlMap m, int sentinels) {
        int majority = sentinels / 2 + 1;
        return m.get("quorum").flatMap(n -> Values.integer(n, d, "quorum", 1, Math.max(1, sentinels)))
                .orElse(majority);
    }

    private Auth auth(YamlMap m) {
        return m.get("auth").map(n -> AuthReader.read(n, baseDir, d)).orElse(Auth.NONE);
    }
}
