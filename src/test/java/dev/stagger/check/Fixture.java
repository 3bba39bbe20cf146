package dev.stagger.check;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.AppService;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Inventory;
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
import java.util.Set;
import java.util.TreeSet;

/** Builds inventories and plans as model records, without YAML, for the checker's unit tables. */
final class Fixture {
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private Order order = Order.SEQUENCE;
    private Integer maxDownDcs;

    static Fixture graph() {
        Fixture f = new Fixture();
        f.order = Order.GRAPH;
        return f;
    }

    static Fixture sequence() {
        return new Fixture();
    }

    private static Position at(int line) {
        return new Position("plan.yaml", line, 5);
    }

    static Endpoint ep(String s) {
        int colon = s.indexOf(':');
        return colon < 0 ? Endpoint.of(s, 0) : Endpoint.of(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
    }

    private static List<Endpoint> eps(String... s) {
        return Arrays.stream(s).map(Fixture::ep).toList();
    }

    Fixture host(String name, String dc) {
        hosts.put(name, new Host(name, dc, "10.0.0." + (hosts.size() + 1), HostState.UP, at(1)));
        return this;
    }

    Fixture downHost(String name, String dc) {
        hosts.put(name, new Host(name, dc, "10.0.0." + (hosts.size() + 1), HostState.DOWN, at(1)));
        return this;
    }

    /** Hosts h1..hN, each in its own DC unless {@code dcs} names them. */
    Fixture hosts(String prefix, int n, String dc) {
        for (int i = 1; i <= n; i++) {
            host(prefix + i, dc);
        }
        return this;
    }

    Fixture app(String name, MinHealthy min, List<String> requires, String... instances) {
        services.put(name, new AppService(name, eps(instances), min, "tcp://{address}:80", requires, at(2)));
        return this;
    }

    Fixture app(String name, int min, String... instances) {
        return app(name, new MinHealthy(min, false), List.of(), instances);
    }

    Fixture redis(String name, String master, String sentinel, String... instances) {
        services.put(name, new RedisService(name, eps(instances), ep(master), sentinel, name, Auth.NONE, List.of(), at(3)));
        return this;
    }

    Fixture sentinels(String name, int quorum, String... instances) {
        services.put(name, new SentinelService(name, eps(instances), quorum, Auth.NONE, List.of(), at(4)));
        return this;
    }

    Fixture cluster(String name, List<List<String>> shards) {
        List<List<Endpoint>> s = shards.stream().map(l -> eps(l.toArray(String[]::new))).toList();
        List<Endpoint> all = s.stream().flatMap(List::stream).toList();
        services.put(name, new RedisClusterService(name, all, s, Auth.NONE, List.of(), at(5)));
        return this;
    }

    Fixture maxDownDcs(int n) {
        maxDownDcs = n;
        return this;
    }

    private static List<Target> targets(String spec) {
        List<Target> out = new ArrayList<>();
        for (String t : spec.split(",")) {
            int at = t.indexOf('@');
            out.add(at < 0 ? Target.host(t.trim()) : new Target(t.substring(at + 1).trim(), t.substring(0, at).trim()));
        }
        return out;
    }

    private Fixture step(String id, StepAction a, String... after) {
        steps.add(new Step(id, a, List.of(after), Hooks.NONE, null, null, null, null, at(10 + steps.size())));
        return this;
    }

    /** {@code targets}: comma-separated hosts or {@code service@host}. */
    Fixture maintain(String id, String targets, String... after) {
        return step(id, new StepAction.Maintain(targets(targets)), after);
    }

    Fixture stop(String id, String targets, String... after) {
        return step(id, new StepAction.Stop(targets(targets)), after);
    }

    Fixture start(String id, String targets, String... after) {
        return step(id, new StepAction.Start(targets(targets)), after);
    }

    Fixture failover(String id, String service, String to, String... after) {
        return step(id, new StepAction.Failover(service, to == null ? null : ep(to), null), after);
    }

    Fixture clusterFailover(String id, String service, String shard, String to, String... after) {
        return step(id, new StepAction.Failover(service, to == null ? null : ep(to), ep(shard)), after);
    }

    Inventory inventory() {
        Policy p = new Policy(maxDownDcs, Policy.DEFAULT_MAX_LAG, Policy.DEFAULT_MEMORY_HEADROOM);
        return new Inventory("test", "inventory.yaml", Defaults.STANDARD, p, hosts, services);
    }

    StepGraph stepGraph() {
        return StepGraph.of(new Plan("test", "plan.yaml", "inventory.yaml", order, List.copyOf(steps)));
    }

    List<Diagnostic> check() {
        return Checker.check(inventory(), stepGraph());
    }

    /** The rule ids of the errors found. */
    Set<String> errors() {
        Set<String> out = new TreeSet<>();
        check().stream().filter(Diagnostic::isError).forEach(d -> out.add(d.rule()));
        return out;
    }

    Set<String> warnings() {
        Set<String> out = new TreeSet<>();
        check().stream().filter(d -> !d.isError()).forEach(d -> out.add(d.rule()));
        return out;
    }
}
