package dev.stagger.bench;

import dev.stagger.model.AppService;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.MinHealthy;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic fleet for benchmarks: hosts over three data centres; 70% app hosts in pools of 20
 * with {@code min_healthy: 75%} (5 down at once: 4 waves); 30% Redis hosts, three per group (master
 * on a host of its own, one replica in each other data centre); a sentinel group of three (on app
 * hosts of three DCs, quorum 2) per ten Redis groups. Everything is maintained with
 * {@code rolling: "*"} in graph order. Built so both lower bounds are reachable: 4 waves, and one
 * failover per group (each master moves once, to a replica host already maintained).
 */
public final class FleetGenerator {
    static final int POOL = 20;
    static final String[] DCS = {"dc1", "dc2", "dc3"};

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();

    private FleetGenerator() {
    }

    /** The inventory and plan for a fleet of about {@code hostCount} hosts (at least 30). */
    public static LoadedPlan generate(int hostCount) {
        FleetGenerator g = new FleetGenerator();
        g.build(Math.max(30, hostCount));
        Inventory inv = new Inventory("bench-" + hostCount, "inventory.yaml", Defaults.STANDARD, Policy.STANDARD,
                g.hosts, g.services);
        return new LoadedPlan(g.plan(), inv);
    }

    private void build(int n) {
        int groups = n / 10;
        int appHosts = n - 3 * groups;
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < appHosts; i++) {
            String h = String.format("app%05d", i);
            hosts.put(h, new Host(h, DCS[i % 3], address(hosts.size()), HostState.UP, Position.NONE));
            apps.add(h);
        }
        int pools = Math.max(1, appHosts / POOL);
        for (int p = 0; p < pools; p++) {
            int from = p * POOL;
            int to = p == pools - 1 ? appHosts : from + POOL;
            List<Endpoint> members = apps.subList(from, to).stream().map(h -> Endpoint.of(h, 0)).toList();
            String name = String.format("pool%04d", p);
            services.put(name, new AppService(name, members, new MinHealthy(75, true),
                    "http://{address}:8080/healthz", List.of(), Position.NONE));
        }
        int sentinelGroups = Math.max(1, (groups + 9) / 10);
        for (int s = 0; s < sentinelGroups; s++) {
            List<Endpoint> members = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                // Three app hosts of three DCs, in three different pools.
                int host = (s * 3 * POOL + d * (POOL + 1)) % appHosts;
                host = Math.min(host - host % 3 + d, appHosts - 1);
                members.add(Endpoint.of(apps.get(host), 26379));
            }
            String name = String.format("watch%03d", s);
            services.put(name, new SentinelService(name, members, 2, Auth.NONE, List.of(), Position.NONE));
        }
        for (int r = 0; r < groups; r++) {
            List<Endpoint> members = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                String h = String.format("redis%05d-%d", r, k);
                hosts.put(h, new Host(h, DCS[(r + k) % 3], address(hosts.size()), HostState.UP, Position.NONE));
                members.add(Endpoint.of(h, 6379));
            }
            String name = String.format("cache%05d", r);
            services.put(name, new RedisService(name, members, members.get(0), String.format("watch%03d", r / 10),
                    name, Auth.NONE, List.of(), Position.NONE));
        }
    }

    private Plan plan() {
        List<Step> steps = new ArrayList<>(hosts.size());
        int line = 6;
        for (String h : hosts.keySet()) {
            steps.add(new Step("all/" + h, new StepAction.Maintain(List.of(Target.host(h))), List.of(), Hooks.NONE,
                    null, null, null, "all", new Position("plan.yaml", line, 5)));
        }
        return new Plan("bench", "plan.yaml", "inventory.yaml", Order.GRAPH, steps);
    }

    private static String address(int i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    /** The inventory as YAML, for {@code stagger bench --write}. */
    public static String inventoryYaml(Inventory inv) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Generated by stagger bench: ").append(inv.hosts().size()).append(" hosts.\n");
        sb.append("cluster: ").append(inv.cluster()).append("\nhosts:\n");
        for (Host h : inv.hosts().values()) {
            sb.append("  ").append(h.name()).append(": { dc: ").append(h.dc()).append(", address: ")
                    .append(h.address()).append(" }\n");
        }
        sb.append("services:\n");
        for (Service s : inv.services().values()) {
            sb.append("  ").append(s.name()).append(":\n    kind: ").append(s.kind()).append("\n    instances: [");
            sb.append(String.join(", ", s.instances().stream().map(Endpoint::toString).toList())).append("]\n");
            if (s instanceof AppService a) {
                sb.append("    min_healthy: ").append(a.minHealthy()).append("\n    health: ").append(a.health()).append('\n');
            } else if (s instanceof RedisService r) {
                sb.append("    master: ").append(r.master()).append("\n    sentinel: ").append(r.sentinel()).append('\n');
            } else if (s instanceof SentinelService sg) {
                sb.append("    quorum: ").append(sg.quorum()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The plan as YAML: one rolling step over every host. */
    public static String planYaml() {
        return "# Generated by stagger bench: maintain every host, as fast as safety allows.\n"
                + "plan: bench\ninventory: inventory.yaml\norder: graph\nsteps:\n"
                + "  - id: all\n    rolling: \"*\"\n";
    }
}
