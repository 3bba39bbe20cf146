package dev.stagger.live;

import dev.stagger.live.redis.InfoParser;
import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.AppService;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.MinHealthy;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
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

/** The seed-000 cluster as model objects, and hand-built snapshots of it (no I/O). */
final class Fixture {
    static final Map<String, String> ADDR = Map.of("app1", "10.0.1.10", "app2", "10.0.2.10", "arb3", "10.0.3.10");
    static final Endpoint R1 = Endpoint.of("app1", 6379);
    static final Endpoint R2 = Endpoint.of("app2", 6379);

    private Fixture() {
    }

    static Inventory inventory() {
        return inventory(Policy.STANDARD, HostState.UP);
    }

    static Inventory inventory(Policy policy, HostState arb3) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        hosts.put("app1", new Host("app1", "dc1", ADDR.get("app1"), HostState.UP, Position.NONE));
        hosts.put("app2", new Host("app2", "dc2", ADDR.get("app2"), HostState.UP, Position.NONE));
        hosts.put("arb3", new Host("arb3", "dc3", ADDR.get("arb3"), arb3, Position.NONE));
        Map<String, Service> services = new LinkedHashMap<>();
        services.put("api", new AppService("api", List.of(Endpoint.of("app1", 0), Endpoint.of("app2", 0)),
                MinHealthy.ONE, "http://{address}:8080/healthz", List.of("cache"), Position.NONE));
        services.put("cache", new RedisService("cache", List.of(R1, R2), R1, "watchers", "cache", Auth.NONE, List.of(),
                Position.NONE));
        services.put("watchers", new SentinelService("watchers", List.of(Endpoint.of("app1", 26379),
                Endpoint.of("app2", 26379), Endpoint.of("arb3", 26379)), 2, Auth.NONE, List.of(), Position.NONE));
        return new Inventory("moscow", "inventory.yaml", Defaults.STANDARD, policy, hosts, services);
    }

    static Instance cache(String host) {
        return new Instance("cache", Endpoint.of(host, 6379));
    }

    static Instance sentinelAt(String host) {
        return new Instance("watchers", Endpoint.of(host, 26379));
    }

    static Instance api(String host) {
        return new Instance("api", Endpoint.of(host, 0));
    }

    static Step maintain(String id, String host) {
        return new Step(id, new StepAction.Maintain(List.of(Target.host(host))), List.of(), Hooks.NONE, null, null,
                null, null, new Position("plan.yaml", 3, 5));
    }

    static Step failover(String id, Endpoint to) {
        return new Step(id, new StepAction.Failover("cache", to, null), List.of(), Hooks.NONE, null, null, null, null,
                new Position("plan.yaml", 7, 5));
    }

    /** A mutable snapshot under construction; starts as a healthy seed-000 cluster (master on app1). */
    static final class Snap {
        final Map<Instance, RedisProbe> redis = new HashMap<>();
        final Map<Instance, SentinelProbe> sentinels = new HashMap<>();
        final Map<Instance, AppProbe> apps = new HashMap<>();

        static Snap healthy() {
            Snap s = new Snap();
            s.master("app1", 1000, "slave0:ip=10.0.2.10,port=6379,state=online,offset=1000,lag=0");
            s.replica("app2", "app1", 1000);
            for (String h : List.of("app1", "app2", "arb3")) {
                s.sentinel(h, "10.0.1.10:6379", 2);
            }
            s.app("app1", true);
            s.app("app2", true);
            return s;
        }

        Snap master(String host, long offset, String... extra) {
            List<String> lines = new ArrayList<>(List.of("role:master", "master_repl_offset:" + offset,
                    "used_memory:100", "maxmemory:1000", "loading:0"));
            lines.addAll(List.of(extra));
            return put(host, lines, new RoleReply("master", offset, null, 0, null, List.of()));
        }

        Snap replica(String host, String masterHost, long offset, String... extra) {
            List<String> lines = new ArrayList<>(List.of("role:slave", "master_host:" + ADDR.get(masterHost),
                    "master_port:6379", "master_link_status:up", "master_sync_in_progress:0",
                    "slave_repl_offset:" + offset, "used_memory:100", "maxmemory:1000", "loading:0"));
            // Later lines win in INFO parsing, so extras override the defaults above.
            lines.addAll(List.of(extra));
            return put(host, lines, new RoleReply("slave", offset, ADDR.get(masterHost), 6379, "connected", List.of()));
        }

        private Snap put(String host, List<String> lines, RoleReply role) {
            RedisInfo info = InfoParser.parse(String.join("\r\n", lines));
            redis.put(cache(host), new RedisProbe(cache(host), ADDR.get(host) + ":6379", true, info.loading(),
                    info.loading() ? "loading" : null, role, info));
            return this;
        }

        Snap redisDown(String host) {
            redis.put(cache(host), RedisProbe.unreachable(cache(host), ADDR.get(host) + ":6379", "connection refused"));
            return this;
        }

        Snap sentinel(String host, String masterAddress, int others) {
            return sentinel(host, masterAddress, others, true);
        }

        Snap sentinel(String host, String masterAddress, int others, boolean quorumOk) {
            return sentinel(host, masterAddress, others, quorumOk, 2);
        }

        /** A sentinel configured with {@code quorum} for cache (the inventory declares 2). */
        Snap sentinel(String host, String masterAddress, int others, boolean quorumOk, int quorum) {
            SentinelView v = SentinelView.of("cache", Map.of("name", "cache", "flags", "master",
                            "num-other-sentinels", Integer.toString(others), "quorum", Integer.toString(quorum)), masterAddress, others, 1,
                    quorumOk, quorumOk ? "OK 3 usable Sentinels" : "NOQUORUM 1 usable Sentinels");
            sentinels.put(sentinelAt(host), new SentinelProbe(sentinelAt(host), ADDR.get(host) + ":26379", true, null,
                    Map.of("cache", v)));
            return this;
        }

        Snap sentinelDown(String host) {
            sentinels.put(sentinelAt(host), SentinelProbe.unreachable(sentinelAt(host), ADDR.get(host) + ":26379", "connection refused"));
            return this;
        }

        Snap app(String host, boolean healthy) {
            apps.put(api(host), new AppProbe(api(host), "http://" + ADDR.get(host) + ":8080/healthz", healthy,
                    healthy ? null : "answered HTTP 503"));
            return this;
        }

        LiveSnapshot build() {
            return new LiveSnapshot(Instant.EPOCH, redis, sentinels, apps);
        }
    }
}
