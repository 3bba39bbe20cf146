package dev.stagger.run;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.AppService;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
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
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small cluster and plan builders for the executor's tests: three app hosts, a pool and a Redis group. */
final class Fixtures {
    static final Hooks HOOKS = new Hooks(List.of("stop", "{host}"), List.of("work", "{host}"), List.of("start", "{host}"));

    private Fixtures() {
    }

    static Inventory inventory() {
        return inventory(Auth.NONE);
    }

    static Inventory inventory(Auth auth) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (String h : List.of("app1", "app2", "app3")) {
            hosts.put(h, new Host(h, "dc" + h.charAt(3), "10.0." + h.charAt(3) + ".10", HostState.UP, Position.NONE));
        }
        Map<String, Service> services = new LinkedHashMap<>();
        services.put("api", new AppService("api", List.of(Endpoint.of("app1", 0), Endpoint.of("app2", 0), Endpoint.of("app3", 0)),
                MinHealthy.ONE, "http://{address}:8080/healthz", List.of(), Position.NONE));
        services.put("cache", new RedisService("cache", List.of(Endpoint.of("app1", 6379), Endpoint.of("app2", 6379)),
                Endpoint.of("app1", 6379), null, "cache", auth, List.of(), Position.NONE));
        return new Inventory("lab", "inventory.yaml", new Defaults(Duration.ofMillis(30), Duration.ofSeconds(5)),
                Policy.STANDARD, hosts, services);
    }

    static Step maintain(String id, String host, String... after) {
        return maintain(id, host, HOOKS, after);
    }

    static Step maintain(String id, String host, Hooks hooks, String... after) {
        return new Step(id, new StepAction.Maintain(List.of(Target.host(host))), List.of(after), hooks,
                null, null, null, null, new Position("plan.yaml", 1, 5));
    }

    static Step stop(String id, String host) {
        return new Step(id, new StepAction.Stop(List.of(Target.host(host))), List.of(), HOOKS,
                null, null, null, null, new Position("plan.yaml", 1, 5));
    }

    static Step failover(String id, String... after) {
        return new Step(id, new StepAction.Failover("cache", Endpoint.of("app2", 6379), null), List.of(after),
                Hooks.NONE, null, null, null, null, new Position("plan.yaml", 2, 5));
    }

    static Step withTimes(Step s, Duration minReady, Duration readyTimeout) {
        return new Step(s.id(), s.action(), s.after(), s.hooks(), minReady, readyTimeout, s.note(), s.rollingGroup(), s.position());
    }

    static StepGraph graph(Order order, Step... steps) {
        return StepGraph.of(new Plan("maint", "plan.yaml", "inventory.yaml", order, List.of(steps)));
    }

    static RunSettings fast() {
        return RunSettings.defaults("stagger run plan.yaml --resume")
                .withPolling(Duration.ofMillis(5), Duration.ofMillis(5))
                .withWaitSafe(Duration.ofSeconds(5));
    }
}
