package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stagger.lab.RedisLab;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.AppService;
import dev.stagger.model.Defaults;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.MinHealthy;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** App health probes over http and tcp against real local servers: up, refusing, answering 503, too slow. */
class AppHealthIT {

    @Test
    void httpHealthOfTheLabAppsAndAKilledOne() {
        try (RedisLab lab = RedisLab.builder().withApi().start()) {
            Inventory inv = InventoryLoader.load(lab.inventory());
            Instance app1 = new Instance("api", Endpoint.of("app1", lab.app("app1").port()));
            Instance app2 = new Instance("api", Endpoint.of("app2", lab.app("app2").port()));
            LiveSnapshot up = new LiveProber().probe(inv);
            assertThat(up.app(app1)).get().satisfies(p -> {
                assertThat(p.healthy()).as(p.toString()).isTrue();
                assertThat(p.target()).isEqualTo("http://127.0.0.1:" + lab.app("app1").port() + "/healthz");
            });
            assertThat(up.healthy(app2)).isTrue();
            assertThat(LiveChecker.checkBeforeStep(inv, up, maintain("app1"), Set.of()))
                    .extracting(Diagnostic::rule).doesNotContain("min-healthy", "unreachable");

            lab.app("app2").kill();
            LiveSnapshot down = new LiveProber().probe(inv);
            assertThat(down.healthy(app2)).isFalse();
            assertThat(down.reason(app2)).isEqualTo("connection refused");
            assertThat(LiveStatus.rows(inv, down)).filteredOn(r -> r.instance().equals(app2.toString())).singleElement()
                    .satisfies(r -> assertThat(r.health()).isEqualTo("connection refused"));
            // the other api instance is the only one left: app1 may not go down now
            List<Diagnostic> gate = LiveChecker.checkBeforeStep(inv, down, maintain("app1"), Set.of());
            assertThat(gate).extracting(Diagnostic::rule).contains("min-healthy", "unreachable");
        }
    }

    @Test
    void httpStatusTimeoutAndTcpAgainstInProcessServers() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        http.createContext("/ok", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.createContext("/sick", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        http.createContext("/slow", ex -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        http.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/ok");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        http.start();
        int closedPort;
        try (ServerSocket probeOnly = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probeOnly.getLocalPort();
        }
        try (ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = http.getAddress().getPort();
            Map<String, Service> services = new LinkedHashMap<>();
            services.put("ok", app("ok", port, "http://{address}:{port}/ok"));
            services.put("sick", app("sick", port, "http://{address}:{port}/sick"));
            services.put("slow", app("slow", port, "http://{address}:{port}/slow"));
            services.put("moved", app("moved", port, "http://{address}:{port}/moved"));
            services.put("tcp", app("tcp", tcp.getLocalPort(), "tcp://{address}:{port}"));
            services.put("tcpclosed", app("tcpclosed", closedPort, "tcp://{address}:{port}"));
            Map<String, Host> hosts = Map.of("h1", new Host("h1", "dc1", "127.0.0.1", HostState.UP, Position.NONE));
            Inventory inv = new Inventory("apps", "inventory.yaml", Defaults.STANDARD, Policy.STANDARD, hosts, services);

            LiveSnapshot s = new LiveProber(ProbeSettings.DEFAULT.withTimeouts(Duration.ofMillis(5000), Duration.ofMillis(5000)))
                    .probe(inv);

            assertThat(probe(s, "ok", port).healthy()).isTrue();
            assertThat(probe(s, "sick", port).reason()).isEqualTo("answered HTTP 503");
            // the probe gave up at its timeout: had it waited for the server's 20 s, it would be healthy
            // (how long it took is not asserted: a loaded CI machine makes any bound flaky)
            assertThat(probe(s, "slow", port).reason()).startsWith("timed out");
            // a redirect is not followed: the health URL itself must answer 2xx
            assertThat(probe(s, "moved", port).reason()).isEqualTo("answered HTTP 302");
            assertThat(probe(s, "tcp", tcp.getLocalPort()).healthy()).isTrue();
            assertThat(probe(s, "tcp", tcp.getLocalPort()).target()).isEqualTo("tcp://127.0.0.1:" + tcp.getLocalPort());
            assertThat(probe(s, "tcpclosed", closedPort).reason()).isEqualTo("connection refused");
        } finally {
            http.stop(0);
        }
    }

    private static AppProbe probe(LiveSnapshot s, String service, int port) {
        return s.app(new Instance(service, Endpoint.of("h1", port))).orElseThrow();
    }

    private static AppService app(String name, int port, String health) {
        return new AppService(name, List.of(Endpoint.of("h1", port)), MinHealthy.ONE, health, List.of(), Position.NONE);
    }

    private static Step maintain(String host) {
        return new Step("m-" + host, new StepAction.Maintain(List.of(Target.host(host))), List.of(), Hooks.NONE, null,
                null, null, null, Position.NONE);
    }
}
