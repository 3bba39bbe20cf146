package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A replica loading a large RDB after a full sync (slowed with {@code key-load-delay}) answers INFO
 * with loading:1 and other commands with -LOADING: it is reachable but neither healthy nor ready.
 */
class LoadingIT {

    @Test
    void aReplicaLoadingItsDatasetIsNotReady() throws Exception {
        Path dir = Files.createTempDirectory("stagger-loading");
        int[] ports = LabSupport.freePorts(2);
        RedisNode master = RedisNode.create(dir.resolve("m"), "redis-m", "h1", ports[0], 0, null,
                List.of("enable-debug-command local"));
        // Diskful load, answering clients every 1 KiB of RDB, 1 ms per key: 4000 keys take about 4 s to load.
        RedisNode replica = RedisNode.create(dir.resolve("r"), "redis-r", "h2", ports[1], 0, null, List.of(
                "repl-diskless-load disabled", "loading-process-events-interval-bytes 1024", "key-load-delay 1000"));
        try {
            master.start();
            replica.start();
            master.call("DEBUG", "POPULATE", "4000", "key", "64");
            replica.call("REPLICAOF", "127.0.0.1", Integer.toString(ports[0]));

            Endpoint m = Endpoint.of("h1", ports[0]);
            Endpoint r = Endpoint.of("h2", ports[1]);
            Inventory inv = inventory(m, r);
            Instance ri = new Instance("cache", r);
            LiveProber prober = new LiveProber();

            RedisProbe loading = null;
            String reply = null;
            long end = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < end && (loading == null || reply == null)) {
                RedisProbe p = prober.probe(inv).redis(ri).orElseThrow();
                if (p.loading() && loading == null) {
                    loading = p;
                    try (Jedis j = new Jedis("127.0.0.1", ports[1])) {
                        j.get("key:1");
                    } catch (JedisDataException e) {
                        // the real -LOADING error, mapped as the probe maps it when INFO itself is refused
                        reply = e.getMessage();
                        assertThat(LiveProber.loadingOr(ri, p.address(), e)).satisfies(q -> {
                            assertThat(q.reachable()).isTrue();
                            assertThat(q.loading()).isTrue();
                            assertThat(q.healthy()).isFalse();
                            assertThat(q.reason()).isEqualTo("loading its dataset (-LOADING)");
                        });
                    }
                }
                Thread.sleep(20);
            }
            assertThat(loading).as("the replica was seen loading").isNotNull();
            assertThat(reply).startsWith("LOADING");
            assertThat(loading.reachable()).isTrue();
            assertThat(loading.healthy()).isFalse();
            assertThat(loading.ready()).isFalse();
            assertThat(loading.roleLabel()).isEqualTo("loading");
            assertThat(loading.reason()).isEqualTo("loading its dataset (loading:1)");

            LiveSnapshot snap = prober.probe(inv);
            if (snap.redis(ri).orElseThrow().loading()) {
                assertThat(snap.ready(ri)).isFalse();
                assertThat(LiveChecker.checkCluster(inv, snap)).extracting(Diagnostic::rule).contains("unreachable");
            }
        } finally {
            replica.kill();
            master.kill();
            LabSupport.deleteUnlessKept(dir);
        }
    }

    private static Inventory inventory(Endpoint m, Endpoint r) {
        Map<String, Host> hosts = Map.of(
                "h1", new Host("h1", "dc1", "127.0.0.1", HostState.UP, Position.NONE),
                "h2", new Host("h2", "dc2", "127.0.0.1", HostState.UP, Position.NONE));
        Map<String, Service> services = Map.of("cache",
                new RedisService("cache", List.of(m, r), m, null, "cache", Auth.NONE, List.of(), Position.NONE));
        return new Inventory("loading", "inventory.yaml", Defaults.STANDARD, Policy.STANDARD, hosts, services);
    }
}
