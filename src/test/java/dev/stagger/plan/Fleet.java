package dev.stagger.plan;

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
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inventories and plans built in code, for planner tests that need no files. */
final class Fleet {
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private Integer maxDownDcs;
    private Order order = Order.GRAPH;

    Fleet host(String name, String dc) {
        hosts.put(name, new Host(name, dc, "10.0.0." + (hosts.size() + 1), HostState.UP, Position.NONE));
        return this;
    }

    Fleet down(String name) {
        Host h = hosts.get(name);
        hosts.put(name, new Host(name, h.dc(), h.address(), HostState.DOWN, Position.NONE));
        return this;
    }

    Fleet maxDownDcs(int n) {
        maxDownDcs = n;
        return this;
    }

    Fleet sequence() {
        order = Order.SEQUENCE;
        return this;
    }

    Fleet app(String name, int minHealthy, String... instances) {
        return app(name, minHealthy, List.of(), instances);
    }

    Fleet app(String name, int minHealthy, List<String> requires, String... instances) {
        services.put(name, new AppService(name, endpoints(instances), new MinHealthy(minHealthy, false),
                "tcp://{address}:80", requires, Position.NONE));
        return this;
    }

    Fleet redis(String name, String sentinel, String... instances) {
        List<Endpoint> e = endpoints(instances);
        services.put(name, new RedisService(name, e, e.get(0), sentinel, name, Auth.NONE, List.of(), Position.NONE));
        return this;
    }

    Fleet sentinels(String name, int quorum, String... instances) {
        services.put(name, new SentinelService(name, endpoints(instances), quorum, Auth.NONE, List.of(), Position.NONE));
        return this;
    }

    Fleet cluster(String name, List<List<String>> shards) {
        List<List<Endpoint>> s = shards.stream().map(l -> endpoints(l.toArray(String[]::new))).toList();
        List<Endpoint> all = s.stream().flatMap(List::stream).toList();
        services.put(name, new RedisClusterService(name, all, s, Auth.NONE, List.of(), Position.NONE));
        return this;
    }

    Fleet maintain(String id, List<String> hostsOrInstances, String... after) {
        steps.add(step(id, new StepAction.Maintain(targets(hostsOrInstances)), after));
        return this;
    }

    Fleet maintain(String id, String host, String... after) {
        return maintain(id, List.of(host), after);
    }

    Fleet failover(String id, String service, String to, String... after) {
        steps.add(step(id, new StepAction.Failover(service, endpoint(to), null), after));
        return this;
    }

    Inventory inventory() {
        Policy p = new Policy(maxDownDcs, Policy.DEFAULT_MAX_LAG, Policy.DEFAULT_MEMORY_HEADROOM);
        return new Inventory("test", "inventory.yaml", Defaults.STANDARD, p, new LinkedHashMap<>(hosts),
                new LinkedHashMap<>(services));
    }

    Plan plan() {
        return new Plan("test-plan", "plan.yaml", "inventory.yaml", order, List.copyOf(steps));
    }

    LoadedPlan loaded() {
        return new LoadedPlan(plan(), inventory());
    }

    private Step step(String id, StepAction action, String... after) {
        return new Step(id, action, List.of(after), Hooks.NONE, null, null, null, null,
                new Position("plan.yaml", steps.size() + 1, 5));
    }

    private static List<Target> targets(List<String> names) {
        return names.stream().map(n -> n.contains("@")
                ? new Target(n.substring(n.indexOf('@') + 1), n.substring(0, n.indexOf('@')))
                : Target.host(n)).toList();
    }

    static List<Endpoint> endpoints(String... instances) {
        return Arrays.stream(instances).map(Fleet::endpoint).toList();
    }

    static Endpoint endpoint(String s) {
        int colon = s.indexOf(':');
        return colon < 0 ? Endpoint.of(s, 0) : Endpoint.of(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }

    /** The seed-000 cluster: two app hosts in two DCs, a redis group over both, three sentinels. */
    static Fleet seed000() {
        return new Fleet()
                .host("app1", "dc1").host("app2", "dc2").host("arb3", "dc3")
                .maxDownDcs(1)
                .app("api", 1, List.of("cache"), "app1", "app2")
                .redis("cache", "watchers", "app1:6379", "app2:6379")
                .sentinels("watchers", 2, "app1:26379", "app2:26379", "arb3:26379");
    }
}
