package dev.stagger.live;

import dev.stagger.live.cluster.ClusterInfo;
import dev.stagger.live.cluster.ClusterNodesParser;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.redis.InfoParser;
import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A 6-node Redis Cluster as model objects and hand-built snapshots (no I/O): hosts r1..r6 on
 * 127.0.0.1, node rN on port 1700N; r1..r3 master 0-5460, 5461-10922, 10923-16383 and r4..r6
 * follow them. Each answering node gets its own CLUSTER NODES, written from one shared model that
 * the test bends (a node down, flagged, lagging, or claiming slots it lost).
 */
final class ClusterFixture {
    static final String SERVICE = "sessions";
    private static final String[] SLOTS = {"0-5460", "5461-10922", "10923-16383"};

    private ClusterFixture() {
    }

    static Endpoint r(int n) {
        return Endpoint.of("r" + n, 17000 + n);
    }

    static Instance node(int n) {
        return new Instance(SERVICE, r(n));
    }

    static Inventory inventory() {
        Map<String, Host> hosts = new LinkedHashMap<>();
        List<Endpoint> instances = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            hosts.put("r" + n, new Host("r" + n, "dc" + ((n - 1) % 3 + 1), "127.0.0.1", HostState.UP, Position.NONE));
            instances.add(r(n));
        }
        List<List<Endpoint>> shards = List.of(List.of(r(1), r(4)), List.of(r(2), r(5)), List.of(r(3), r(6)));
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(SERVICE, new RedisClusterService(SERVICE, instances, shards, Auth.NONE, List.of(),
                new Position("inventory.yaml", 12, 3)));
        return new Inventory("lab", "inventory.yaml", Defaults.STANDARD, Policy.STANDARD, hosts, services);
    }

    static Step maintain(String id, String... hosts) {
        List<Target> targets = new ArrayList<>();
        for (String h : hosts) {
            targets.add(Target.host(h));
        }
        return new Step(id, new StepAction.Maintain(targets), List.of(), Hooks.NONE, null, null, null, null,
                new Position("plan.yaml", 3, 5));
    }

    static Step failover(String id, Endpoint shard, Endpoint to) {
        return new Step(id, new StepAction.Failover(SERVICE, to, shard), List.of(), Hooks.NONE, null, null, null, null,
                new Position("plan.yaml", 7, 5));
    }

    static String id(int n) {
        return String.format("%040d", n);
    }

    /** The cluster's state under construction; starts healthy. */
    static final class Snap {
        /** masterOf[n] = the master node number of replica n, 0 for a master. */
        final int[] masterOf = {0, 0, 0, 0, 1, 2, 3};
        /** slotsOf[n] = the slots node n serves ("" for none). */
        final String[] slotsOf = {"", SLOTS[0], SLOTS[1], SLOTS[2], "", "", ""};
        final long[] offset = {0, 1000, 1000, 1000, 1000, 1000, 1000};
        final boolean[] linkUp = {true, true, true, true, true, true, true};
        final String[] flag = new String[7];
        final Set<Integer> down = new TreeSet<>();
        /** Node numbers whose own view differs: they claim these slots as master. */
        final Map<Integer, String> claims = new HashMap<>();
        /** More INFO lines per node; later lines win, so they override the defaults. */
        final Map<Integer, List<String>> extraInfo = new HashMap<>();

        static Snap healthy() {
            return new Snap();
        }

        /** Not answering, and flagged {@code fail} by the others. */
        Snap kill(int n) {
            down.add(n);
            flag[n] = "fail";
            return this;
        }

        /** Not answering, not flagged yet (within cluster-node-timeout). */
        Snap silent(int n) {
            down.add(n);
            return this;
        }

        Snap flag(int n, String f) {
            flag[n] = f;
            return this;
        }

        Snap lag(int n, long bytes) {
            offset[n] = offset[masterOf[n]] - bytes;
            return this;
        }

        Snap linkDown(int n) {
            linkUp[n] = false;
            return this;
        }

        /** Replica {@code n} took over its master's slots; the old master follows it. */
        Snap promote(int n) {
            int old = masterOf[n];
            slotsOf[n] = slotsOf[old];
            slotsOf[old] = "";
            masterOf[n] = 0;
            masterOf[old] = n;
            return this;
        }

        /** Node {@code n} believes, in its own CLUSTER NODES, that it is master of {@code slots}. */
        Snap claims(int n, String slots) {
            claims.put(n, slots);
            return this;
        }

        Snap info(int n, String... lines) {
            extraInfo.computeIfAbsent(n, k -> new ArrayList<>()).addAll(List.of(lines));
            return this;
        }

        Snap unassign(int n) {
            slotsOf[n] = "";
            return this;
        }

        private String nodesAsSeenBy(int observer) {
            StringBuilder sb = new StringBuilder();
            for (int n = 1; n <= 6; n++) {
                boolean self = n == observer;
                boolean claiming = self && claims.containsKey(n);
                boolean master = claiming || masterOf[n] == 0;
                List<String> flags = new ArrayList<>();
                if (self) {
                    flags.add("myself");
                }
                flags.add(master ? "master" : "slave");
                if (!self && flag[n] != null) {
                    flags.add(flag[n]);
                }
                String slots = claiming ? claims.get(n) : master ? slotsOf[n] : "";
                sb.append(id(n)).append(" 127.0.0.1:").append(17000 + n).append('@').append(27000 + n).append(' ')
                        .append(String.join(",", flags)).append(' ').append(master ? "-" : id(masterOf[n]))
                        .append(" 0 0 ").append(n).append(' ').append(down.contains(n) && !self ? "disconnected" : "connected")
                        .append(slots.isEmpty() ? "" : " " + slots).append('\n');
            }
            return sb.toString();
        }

        private String clusterInfo() {
            int covered = 0;
            for (int n = 1; n <= 6; n++) {
                if (masterOf[n] == 0 && !slotsOf[n].isEmpty()) {
                    String[] p = slotsOf[n].split("-");
                    covered += Integer.parseInt(p[1]) - Integer.parseInt(p[0]) + 1;
                }
            }
            return "cluster_state:" + (covered == 16384 ? "ok" : "fail") + "\ncluster_slots_assigned:" + covered
                    + "\ncluster_known_nodes:6\ncluster_size:3\n";
        }

        LiveSnapshot build() {
            Map<Instance, RedisProbe> redis = new HashMap<>();
            for (int n = 1; n <= 6; n++) {
                Instance i = node(n);
                String address = "127.0.0.1:" + (17000 + n);
                if (down.contains(n)) {
                    redis.put(i, new RedisProbe(i, address, false, false, "connection refused", null, null, null));
                    continue;
                }
                boolean master = masterOf[n] == 0;
                List<String> lines = new ArrayList<>(List.of("role:" + (master ? "master" : "slave"),
                        "master_repl_offset:" + offset[master ? n : masterOf[n]], "used_memory:100", "maxmemory:1000"));
                if (!master) {
                    lines.addAll(List.of("master_host:127.0.0.1", "master_port:" + (17000 + masterOf[n]),
                            "master_link_status:" + (linkUp[n] ? "up" : "down"), "master_sync_in_progress:0",
                            "slave_repl_offset:" + offset[n]));
                }
                lines.addAll(extraInfo.getOrDefault(n, List.of()));
                RedisInfo info = InfoParser.parse(String.join("\r\n", lines));
                RoleReply role = master ? new RoleReply("master", offset[n], null, 0, null, List.of())
                        : new RoleReply("slave", offset[n], "127.0.0.1", 17000 + masterOf[n], "connected", List.of());
                ClusterView own = new ClusterView(address, ClusterInfo.parse(clusterInfo()),
                        ClusterNodesParser.parse(nodesAsSeenBy(n)), Map.of());
                redis.put(i, new RedisProbe(i, address, true, false, null, role, info, own));
            }
            return new LiveSnapshot(Instant.EPOCH, redis, Map.of(), Map.of());
        }
    }
}
