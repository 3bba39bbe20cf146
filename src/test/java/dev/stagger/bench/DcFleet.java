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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fleet laid out by data centre, where the optimum is known (stagger issue 12): {@code dcs} data
 * centres; rows of hosts, one host per data centre in each row; 70% of the rows are app pools (one
 * instance per DC, {@code min_healthy: D-1}), 30% Redis groups (one instance per DC, the master in
 * one of DCs 1..D-1, or in any DC with {@code mastersEverywhere}); a sentinel group per ten Redis
 * groups, one sentinel per DC, each on an app host of a different pool; a {@code rolling: "*"} plan in
 * graph order. The optimum: D waves (one DC at a time, the DC without masters first) and one
 * failover per master. Hosts are listed row by row, so host order interleaves the data centres; the
 * seed shuffles the rows and picks each master's DC.
 */
public final class DcFleet {
    private final int dcs;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();

    private DcFleet(int dcs) {
        this.dcs = dcs;
    }

    /** About {@code hostsPerDc} hosts in each of {@code dcs} data centres (at least 4 rows). */
    public static LoadedPlan generate(int dcs, int hostsPerDc, long seed, boolean mastersEverywhere) {
        if (dcs < 2) {
            throw new IllegalArgumentException("at least two data centres");
        }
        DcFleet f = new DcFleet(dcs);
        f.build(Math.max(4, hostsPerDc), new Random(seed), mastersEverywhere);
        Inventory inv = new Inventory("dcfleet-" + dcs + "x" + hostsPerDc, "inventory.yaml", Defaults.STANDARD,
                Policy.STANDARD, f.hosts, f.services);
        return new LoadedPlan(f.plan(), inv);
    }

    private void build(int rows, Random random, boolean mastersEverywhere) {
        List<List<String>> pools = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            pools.add(new ArrayList<>());
        }
        // Listed data centre by data centre (dc1-h00000, dc1-h00001, ...), as host names often sort.
        for (int d = 0; d < dcs; d++) {
            for (int r = 0; r < rows; r++) {
                String h = String.format("dc%d-h%05d", d + 1, r);
                hosts.put(h, new Host(h, "dc" + (d + 1), address(hosts.size()), HostState.UP, Position.NONE));
                pools.get(r).add(h);
            }
        }
        for (int p = 0; p < pools.size(); p++) {
            String name = String.format("pool%05d", p);
            services.put(name, new AppService(name, pools.get(p).stream().map(h -> Endpoint.of(h, 0)).toList(),
                    new MinHealthy(dcs - 1, false), "http://{address}:8080/healthz", List.of(), Position.NONE));
        }
        // 30% of the rows also run a Redis group, on the same hosts as their pool, in shuffled rows.
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            order.add(r);
        }
        Collections.shuffle(order, random);
        int groups = Math.max(1, rows * 3 / 10);
        int sentinelGroups = (groups + 9) / 10;
        for (int s = 0; s < sentinelGroups; s++) {
            List<Endpoint> members = new ArrayList<>();
            for (int d = 0; d < dcs; d++) {
                // The DC d sentinel on a host of another row: the sentinel groups tie rows together.
                members.add(Endpoint.of(pools.get(order.get((s * dcs + d + groups) % rows)).get(d), 26379));
            }
            String name = String.format("watch%04d", s);
            services.put(name, new SentinelService(name, members, dcs / 2 + 1, Auth.NONE, List.of(), Position.NONE));
        }
        // Each DC places the groups on its own shuffle of the rows: a group's instances sit on hosts of
        // different rows, so groups, pools and sentinels tie the whole fleet together.
        List<List<Integer>> rowOf = new ArrayList<>();
        for (int d = 0; d < dcs; d++) {
            List<Integer> perm = new ArrayList<>(order);
            Collections.shuffle(perm, random);
            rowOf.add(perm);
        }
        for (int g = 0; g < groups; g++) {
            List<Endpoint> members = new ArrayList<>();
            for (int d = 0; d < dcs; d++) {
                members.add(Endpoint.of(pools.get(rowOf.get(d).get(g)).get(d), 6379));
            }
            int masterDc = mastersEverywhere ? random.nextInt(dcs) : random.nextInt(dcs - 1);
            String name = String.format("cache%05d", g);
            services.put(name, new RedisService(name, members, members.get(masterDc), String.format("watch%04d", g / 10),
                    name, Auth.NONE, List.of(), Position.NONE));
        }
    }

    private Plan plan() {
        List<Step> steps = new ArrayList<>(hosts.size());
        for (String h : hosts.keySet()) {
            steps.add(new Step("all/" + h, new StepAction.Maintain(List.of(Target.host(h))), List.of(), Hooks.NONE,
                    null, null, null, "all", new Position("plan.yaml", 6, 5)));
        }
        return new Plan("dcfleet", "plan.yaml", "inventory.yaml", Order.GRAPH, steps);
    }

    private static String address(int i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }
}
