package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.model.AppService;
import dev.stagger.model.Auth;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.HostState;
import dev.stagger.model.Inventory;
import dev.stagger.model.MinHealthy;
import dev.stagger.model.Policy;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.StaggerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
    static final String FULL = """
            cluster: api-moscow
            defaults:
              min_ready: 500ms
              ready_timeout: 2h
            policy:
              max_down_dcs: 1
              max_lag: 512KiB
              memory_headroom: 75%
            hosts:
              app1: { dc: dc1, address: 10.0.1.10 }
              app2: { dc: dc2 }
              arb3: { dc: dc3, state: down }
              r1: { dc: dc1 }
              r2: { dc: dc2 }
            services:
              api:
                kind: app
                instances: [app1, app2:8080]
                min_healthy: 50%
                health: http://{address}:8080/healthz
                requires: cache
              cache:
                kind: redis
                instances: [app1:6379, app2:6379]
                master: app2:6379
                sentinel: watchers
                auth: { user: default, password_env: REDIS_PASSWORD, tls: true }
              single:
                kind: redis
                instances: [arb3:6380]
                auth: { password_file: secrets/pw }
              watchers:
                kind: sentinel
                instances: [app1:26379, app2:26379, arb3:26379]
              sessions:
                kind: redis-cluster
                instances: [r1:7000, r2:7000, r1:7001, r2:7001]
                shards:
                  - [r1:7000, r2:7001]
                  - [r2:7000, r1:7001]
            """;

    @Test
    void readsEveryField() {
        Inventory inv = InventoryLoader.parse(FULL, "conf/inventory.yaml");

        assertThat(inv.cluster()).isEqualTo("api-moscow");
        assertThat(inv.file()).isEqualTo("conf/inventory.yaml");
        assertThat(inv.defaults().minReady()).isEqualTo(Duration.ofMillis(500));
        assertThat(inv.defaults().readyTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(inv.policy()).isEqualTo(new Policy(1, 512 * 1024, 75));
        assertThat(inv.hosts().keySet()).containsExactly("app1", "app2", "arb3", "r1", "r2");
        assertThat(inv.hosts().get("app1").address()).isEqualTo("10.0.1.10");
        assertThat(inv.hosts().get("app2").address()).as("address defaults to the name").isEqualTo("app2");
        assertThat(inv.hosts().get("arb3").state()).isEqualTo(HostState.DOWN);
        assertThat(inv.hosts().get("app1").position().line()).isEqualTo(10);

        AppService api = (AppService) inv.services().get("api");
        assertThat(api.instances()).containsExactly(Endpoint.of("app1", 0), Endpoint.of("app2", 8080));
        assertThat(api.minHealthy()).isEqualTo(new MinHealthy(50, true));
        assertThat(api.health()).isEqualTo("http://{address}:8080/healthz");
        assertThat(api.requires()).containsExactly("cache");
        assertThat(api.position().line()).isEqualTo(16);

        RedisService cache = (RedisService) inv.services().get("cache");
        assertThat(cache.master()).isEqualTo(Endpoint.of("app2", 6379));
        assertThat(cache.sentinel()).isEqualTo("watchers");
        assertThat(cache.masterName()).as("defaults to the service name").isEqualTo("cache");
        assertThat(cache.auth()).isEqualTo(new Auth("default", "REDIS_PASSWORD", null, true));

        RedisService single = (RedisService) inv.services().get("single");
        assertThat(single.master()).as("a lone instance is the master").isEqualTo(Endpoint.of("arb3", 6380));
        assertThat(single.sentinel()).isNull();
        assertThat(single.auth().passwordFile()).as("relative to the inventory").isEqualTo(Path.of("conf/secrets/pw"));

        SentinelService watchers = (SentinelService) inv.services().get("watchers");
        assertThat(watchers.quorum()).as("defaults to a majority").isEqualTo(2);

        RedisClusterService sessions = (RedisClusterService) inv.services().get("sessions");
        assertThat(sessions.shards()).containsExactly(
                List.of(Endpoint.of("r1", 7000), Endpoint.of("r2", 7001)),
                List.of(Endpoint.of("r2", 7000), Endpoint.of("r1", 7001)));
        assertThat(inv.instancesOnHost("app1")).hasSize(3);
    }

    @Test
    void defaultsWhenOptionalSectionsAreAbsent() {
        Inventory inv = InventoryLoader.parse("""
                cluster: c
                hosts: { h: { dc: d } }
                services: { web: { kind: app, instances: [h] } }
                """, "i.yaml");

        assertThat(inv.defaults()).isEqualTo(dev.stagger.model.Defaults.STANDARD);
        assertThat(inv.policy()).isEqualTo(Policy.STANDARD);
        assertThat(((AppService) inv.services().get("web")).minHealthy()).isEqualTo(MinHealthy.ONE);
    }

    @Test
    void byteSizesAndPercentagesInTheirWrittenForms() {
        for (String[] c : new String[][]{{"1048576", "1048576"}, {"1MiB", "1048576"}, {"1MB", "1000000"},
                {"512KiB", "524288"}, {"2GiB", "2147483648"}}) {
            Inventory inv = InventoryLoader.parse("cluster: c\npolicy: { max_lag: " + c[0] + ", memory_headroom: 90 }\n"
                    + "hosts: { h: { dc: d } }\nservices: { web: { kind: app, instances: [h] } }\n", "i.yaml");
            assertThat(inv.policy().maxLagBytes()).as(c[0]).isEqualTo(Long.parseLong(c[1]));
            assertThat(inv.policy().memoryHeadroomPercent()).isEqualTo(90);
        }
    }

    @Test
    void aMissingFileIsOneDiagnosticNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        StaggerException e = catchThrowableOfType(StaggerException.class, () -> InventoryLoader.load(missing));

        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.diagnostics()).extracting(Diagnostic::render)
                .containsExactly(missing + ": error: cannot read: No such file or directory");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedCleanly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, new byte[]{'c', ':', ' ', (byte) 0xE9, '\n'});
        StaggerException e = catchThrowableOfType(StaggerException.class, () -> InventoryLoader.load(f));

        assertThat(e.diagnostics()).extracting(Diagnostic::render).containsExactly(
                f + ":1:4: error: not UTF-8 text: byte 0xe9 starts no UTF-8 character (save the file as UTF-8)");
        assertThat(e.diagnostics().get(0).quotable()).isFalse();
    }

    @Test
    void passwordsAreNeverKeptEvenWhenWrittenSoTheErrorDoesNotEchoThem() {
        StaggerException e = catchThrowableOfType(StaggerException.class, () -> InventoryLoader.parse("""
                cluster: c
                hosts: { h: { dc: d } }
                services:
                  cache: { kind: redis, instances: [h:6379], auth: { password: hunter2 } }
                """, "i.yaml"));

        assertThat(e.diagnostics()).extracting(Diagnostic::render)
                .containsExactly("i.yaml:4:54: error: passwords never go in a file: use password_env or password_file");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }
}
