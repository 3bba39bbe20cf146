package dev.stagger.discover;

import dev.stagger.model.Auth;
import dev.stagger.model.YamlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes a discovered topology as an inventory YAML, commented: where and when it was read, which
 * hosts still need a data centre ({@code dc: TODO-set-dc}, which the loader reports as an error so
 * {@code validate} flags it), and anything odd the nodes reported. Same topology, same file.
 * Passwords are never written: only the {@code password_env}/{@code password_file} reference given.
 */
public final class InventoryWriter {
    public static final String DC_PLACEHOLDER = "TODO-set-dc";
    public static final String CLUSTER_SERVICE = "redis-cluster";

    /**
     * @param clusterName  the inventory's {@code cluster:} name
     * @param redisAuth    written on redis and redis-cluster services (null or NONE: no auth line)
     * @param sentinelAuth written on sentinel services
     */
    public record Options(String clusterName, DcMap dcMap, Auth redisAuth, Auth sentinelAuth) {
    }

    private final Topology topology;
    private final Options options;
    private final StringBuilder y = new StringBuilder();
    private final Set<String> usedNames = new TreeSet<>();

    private InventoryWriter(Topology topology, Options options) {
        this.topology = topology;
        this.options = options;
    }

    public static String write(Topology topology, Options options) {
        return new InventoryWriter(topology, options).render();
    }

    /** How many hosts got the dc placeholder. */
    public static long hostsWithoutDc(Topology topology, DcMap dcMap) {
        return addresses(topology).stream().filter(a -> dcMap.dcFor(HostNames.of(a), a).isEmpty()).count();
    }

    private String render() {
        y.append("# Inventory written by `stagger discover` at ").append(topology.at()).append('\n');
        y.append("# from ").append(comment(String.join(", ", topology.sources()))).append(".\n");
        y.append("# Host names are derived from addresses (10.0.1.10 -> h-10-0-1-10); rename them freely,\n");
        y.append("# keeping each address. Review it: this is what the nodes reported, not what they should be.\n");
        long todo = hostsWithoutDc(topology, options.dcMap());
        if (todo > 0) {
            y.append("# ").append(todo).append(todo == 1 ? " host has" : " hosts have").append(" `dc: ")
                    .append(DC_PLACEHOLDER).append("`: Redis cannot tell data centres; set them (or pass\n")
                    .append("# --dc-map FILE) before use: `validate` reports every TODO dc as an error.\n");
        }
        y.append("cluster: ").append(scalar(options.clusterName())).append('\n');
        writeHosts();
        y.append("services:\n");
        writeSentinelGroups();
        writeCluster();
        return y.toString();
    }

    private void writeHosts() {
        y.append("hosts:\n");
        for (String address : addresses(topology)) {
            String name = HostNames.of(address);
            var dc = options.dcMap().dcFor(name, address);
            y.append("  ").append(name).append(": { dc: ").append(scalar(dc.orElse(DC_PLACEHOLDER)))
                    .append(", address: ").append(scalar(address)).append(" }");
            if (dc.isEmpty()) {
                y.append("   # TODO: set its data centre (no --dc-map pattern matched)");
            }
            y.append('\n');
        }
    }

    private static Set<String> addresses(Topology t) {
        Set<NetAddress> all = new TreeSet<>();
        for (Topology.SentinelMaster m : t.sentinelMasters()) {
            all.add(m.master());
            all.addAll(m.replicas());
            all.addAll(m.sentinels());
        }
        if (t.cluster() != null) {
            t.cluster().shards().forEach(s -> all.addAll(s.members()));
        }
        Set<String> out = new TreeSet<>(HostNames.NATURAL);
        all.forEach(a -> out.add(a.host()));
        return out;
    }

    private void writeSentinelGroups() {
        // Masters watched by the same sentinels form one sentinel service.
        Map<List<NetAddress>, List<Topology.SentinelMaster>> groups = new LinkedHashMap<>();
        List<Topology.SentinelMaster> masters = new ArrayList<>(topology.sentinelMasters());
        masters.sort(java.util.Comparator.comparing((Topology.SentinelMaster m) -> serviceName(m.name()))
                .thenComparing(Topology.SentinelMaster::name));
        for (Topology.SentinelMaster m : masters) {
            List<NetAddress> key = m.sentinels().stream().sorted().toList();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        List<String> groupNames = new ArrayList<>();
        int n = 1;
        for (var ignored : groups.keySet()) {
            groupNames.add(groups.size() == 1 ? reserve("sentinels") : reserve("sentinels-" + n++));
        }
        int g = 0;
        for (var e : groups.entrySet()) {
            String group = groupNames.get(g++);
            for (Topology.SentinelMaster m : e.getValue()) {
                writeRedis(m, group);
            }
            writeSentinels(group, e.getKey(), e.getValue());
        }
    }

    private void writeRedis(Topology.SentinelMaster m, String group) {
        String name = reserve(serviceName(m.name()));
        y.append("  ").append(name).append(":\n");
        y.append("    # monitored by sentinels as `").append(comment(m.name())).append("`\n");
        m.notes().forEach(note -> y.append("    # ").append(comment(note)).append('\n'));
        List<NetAddress> instances = new ArrayList<>();
        instances.add(m.master());
        m.replicas().stream().sorted().filter(r -> !r.equals(m.master())).forEach(instances::add);
        y.append("    kind: redis\n");
        y.append("    instances: ").append(flow(instances)).append('\n');
        y.append("    master: ").append(endpoint(m.master())).append('\n');
        y.append("    sentinel: ").append(group).append('\n');
        y.append("    master_name: ").append(scalar(m.name())).append('\n');
        auth(options.redisAuth());
    }

    private void writeSentinels(String group, List<NetAddress> sentinels, List<Topology.SentinelMaster> masters) {
        int quorum = masters.stream().mapToInt(Topology.SentinelMaster::quorum).max().orElse(1);
        y.append("  ").append(group).append(":\n");
        Set<Integer> quorums = masters.stream().map(Topology.SentinelMaster::quorum).collect(Collectors.toCollection(TreeSet::new));
        if (quorums.size() > 1) {
            y.append("    # the masters have different quorums ").append(quorums)
                    .append(": the highest is written, the safe side for failover-quorum\n");
        }
        y.append("    kind: sentinel\n");
        y.append("    instances: ").append(flow(sentinels)).append('\n');
        y.append("    quorum: ").append(quorum).append('\n');
        auth(options.sentinelAuth());
    }

    private void writeCluster() {
        Topology.Cluster c = topology.cluster();
        if (c == null) {
            return;
        }
        String name = reserve(CLUSTER_SERVICE);
        y.append("  ").append(name).append(":\n");
        y.append("    # read from CLUSTER NODES of ").append(comment(String.valueOf(c.seed()))).append('\n');
        c.notes().forEach(note -> y.append("    # ").append(comment(note)).append('\n'));
        List<NetAddress> all = new ArrayList<>();
        c.shards().forEach(s -> all.addAll(s.members()));
        y.append("    kind: redis-cluster\n");
        y.append("    instances: ").append(flow(all)).append('\n');
        auth(options.redisAuth());
        y.append("    shards:                      # the first of each shard is its master\n");
        for (Topology.Shard s : c.shards()) {
            y.append("      - ").append(flow(s.members())).append("   # slots ").append(s.slots()).append('\n');
        }
    }

    private void auth(Auth auth) {
        if (auth == null || !auth.hasPassword()) {
            return;
        }
        List<String> fields = new ArrayList<>();
        if (auth.user() != null) {
            fields.add("user: " + scalar(auth.user()));
        }
        if (auth.passwordEnv() != null) {
            fields.add("password_env: " + scalar(auth.passwordEnv()));
        } else {
            fields.add("password_file: " + scalar(auth.passwordFile().toString()));
        }
        y.append("    auth: { ").append(String.join(", ", fields)).append(" }\n");
    }

    private String reserve(String wanted) {
        String name = wanted;
        for (int i = 2; usedNames.contains(name); i++) {
            name = wanted + "-" + i;
        }
        usedNames.add(name);
        return name;
    }

    /** A service name from a sentinel master name: lower case letters, digits and dashes. */
    /**
     * Text from the network inside a YAML comment: one line, control characters escaped. A master name
     * with a newline would otherwise end the comment and turn the rest into inventory structure.
     */
    static String comment(String text) {
        return YamlText.comment(text);
    }

    static String serviceName(String masterName) {
        String s = masterName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("-+", "-").replaceAll("^-|-$", "");
        // A YAML keyword as a key (a master named `null` or `yes`) would read back as null or true.
        boolean keyword = s.matches("true|false|yes|no|on|off|null|y|n");
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) || keyword ? "redis-" + s : s;
    }

    private static String endpoint(NetAddress a) {
        return HostNames.of(a.host()) + ":" + a.port();
    }

    private static String flow(List<NetAddress> addresses) {
        return addresses.stream().map(InventoryWriter::endpoint).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Plain when safe in YAML, else double-quoted. */
    static String scalar(String s) {
        if (s.matches("[A-Za-z0-9][A-Za-z0-9._/-]*") && !s.matches("(?i)true|false|yes|no|on|off|null|~")
                && !s.matches("[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?")) {
            return s;
        }
        return YamlText.quoted(s);
    }

    /** For tests and the summary: the host names in file order. */
    static Map<String, String> hostNames(Topology t) {
        Map<String, String> out = new TreeMap<>(HostNames.NATURAL);
        addresses(t).forEach(a -> out.put(HostNames.of(a), a));
        return out;
    }
}
