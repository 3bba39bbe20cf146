package dev.stagger.live.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.lab.RedisNode;
import dev.stagger.lab.cluster.ClusterLab;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/** A real 6-node cluster: probe it, fail a shard over under acknowledged writes, see the drift. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    static ClusterLab lab;
    static Inventory inventory;
    static RedisClusterService service;
    static final NodeConnector CONNECTOR = NodeConnector.of(Auth.NONE, Duration.ofSeconds(2));

    @BeforeAll
    static void startCluster() {
        lab = ClusterLab.start();
        Map<String, Host> hosts = new LinkedHashMap<>();
        List<Endpoint> instances = new ArrayList<>();
        for (RedisNode n : lab.nodes()) {
            hosts.put(n.host(), new Host(n.host(), "dc" + ((Integer.parseInt(n.host().substring(1)) - 1) % 3 + 1),
                    "127.0.0.1", HostState.UP, Position.NONE));
            instances.add(Endpoint.of(n.host(), n.port()));
        }
        List<List<Endpoint>> shards = List.of(
                List.of(instances.get(0), instances.get(3)),
                List.of(instances.get(1), instances.get(4)),
                List.of(instances.get(2), instances.get(5)));
        service = new RedisClusterService(ClusterLab.SERVICE, instances, shards, Auth.NONE, List.of(), Position.NONE);
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(service.name(), service);
        inventory = new Inventory("cluster-lab", "inventory.yaml", Defaults.STANDARD, Policy.STANDARD, hosts, services);
    }

    @AfterAll
    static void stopCluster() {
        if (lab != null) {
            lab.close();
        }
    }

    static Endpoint ep(int i) {
        return Endpoint.of(lab.node(i).host(), lab.node(i).port());
    }

    @Test
    @Order(1)
    void statusReportsThreeShardsFullCoverageNoFailNoDrift() {
        ClusterStatus status = ClusterStatus.probe(inventory, service, CONNECTOR);
        assertThat(status.view().coveredSlots()).isEqualTo(16384);
        assertThat(status.view().slotShards()).hasSize(3);
        assertThat(status.problems()).as(status.describe()).isEmpty();
        assertThat(status.drift()).as(status.describe()).isEmpty();
        assertThat(status.view().slotShards()).allSatisfy(s -> {
            assertThat(s.replicas()).hasSize(1);
            assertThat(s.replicas().get(0).linkUp()).isTrue();
            assertThat(s.replicas().get(0).lag()).isGreaterThanOrEqualTo(0);
        });
        var shards = new ClusterProbe(CONNECTOR).shards(lab.address(0));
        if (lab.node(0).info("redis_version").startsWith("6.")) {
            assertThat(shards).as("6.2 has no CLUSTER SHARDS: the probe falls back to CLUSTER NODES").isEmpty();
        } else {
            assertThat(shards).hasValueSatisfying(s -> assertThat(s).hasSize(3));
        }
        assertThat(status.describe()).contains("0-5460: master r1:" + lab.node(0).port()
                + ", replica r4:" + lab.node(3).port() + " (link up");
    }

    @Test
    @Order(2)
    void failoverRefusesATargetThatIsNotTheShardsReplica() {
        assertThatThrownBy(() -> ClusterFailovers.perform(inventory, service, ep(0), ep(4),
                ClusterFailoverSettings.DEFAULT, line -> { }, CONNECTOR))
                .isInstanceOfSatisfying(ClusterFailoverException.class, e -> {
                    assertThat(e.nothingChanged()).isTrue();
                    assertThat(e.getMessage()).contains("is not a replica of r1:" + lab.node(0).port());
                });
    }

    @Test
    @Order(3)
    void failoverUnderAcknowledgedWritesLosesNoneAndIsConfirmedByTheCluster() throws Exception {
        List<SlotRange> shard0 = List.of(new SlotRange(0, 5460));
        String tag = ClusterFailovers.keyIn(shard0).substring("stagger:failover-check:".length());
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        AtomicInteger redirects = new AtomicInteger();
        Thread writer = new Thread(() -> {
            HostAndPort at = new HostAndPort("127.0.0.1", lab.node(0).port());
            Jedis j = new Jedis(at, redis.clients.jedis.DefaultJedisClientConfig.builder().socketTimeoutMillis(5000).build());
            for (int i = 0; !stop.get(); i++) {
                String key = "w:{stagger:failover-check:" + tag + "}:" + i;
                try {
                    j.set(key, Integer.toString(i));
                    if (j.waitReplicas(1, 1000) >= 1) {
                        acked.add(key);
                    }
                } catch (JedisMovedDataException moved) {
                    redirects.incrementAndGet();
                    j.close();
                    j = new Jedis(moved.getTargetNode(), redis.clients.jedis.DefaultJedisClientConfig.builder()
                            .socketTimeoutMillis(5000).build());
                } catch (RuntimeException e) {
                    // not acknowledged: not counted; reconnect to the same node
                    j.close();
                    j = new Jedis(at, redis.clients.jedis.DefaultJedisClientConfig.builder().socketTimeoutMillis(5000).build());
                }
            }
            j.close();
        }, "acked-writer");
        writer.start();
        Thread.sleep(300);
        List<String> lines = new ArrayList<>();
        ClusterFailoverResult r = ClusterFailovers.perform(inventory, service, ep(0), ep(3),
                ClusterFailoverSettings.DEFAULT, lines::add, CONNECTOR);
        Thread.sleep(300);
        stop.set(true);
        writer.join(10_000);

        System.out.println("failover took " + r.took().toMillis() + " ms; acknowledged writes: " + acked.size()
                + "; progress: " + lines);
        assertThat(r.alreadyDone()).isFalse();
        assertThat(r.newMaster()).isEqualTo(ep(3));
        assertThat(r.slots()).containsExactly(new SlotRange(0, 5460));
        assertThat(lab.node(3).info("role")).isEqualTo("master");
        assertThat(lab.node(0).info("role")).isEqualTo("slave");
        assertThat(lab.node(0).info("master_port")).isEqualTo(Integer.toString(lab.node(3).port()));
        assertThat(lines).first().asString().startsWith("CLUSTER FAILOVER on r4:");
        assertThat(redirects.get()).as("the writer followed the move").isEqualTo(1);

        assertThat(acked).hasSizeGreaterThan(20);
        try (Jedis newMaster = new Jedis("127.0.0.1", lab.node(3).port())) {
            List<String> lost = acked.stream().filter(k -> newMaster.get(k) == null).toList();
            assertThat(lost).as("acknowledged writes missing after the failover").isEmpty();
        }

        ClusterStatus after = ClusterStatus.probe(inventory, service, CONNECTOR);
        assertThat(after.problems()).as(after.describe()).isEmpty();
        assertThat(after.view().coveredSlots()).isEqualTo(16384);
        assertThat(after.drift()).extracting(Diagnostic::message).containsExactly(
                "sessions: shard with slots 0-5460 has master " + ep(3) + ", inventory says " + ep(0));

        // A resumed run finds it done and only verifies.
        ClusterFailoverResult again = ClusterFailovers.perform(inventory, service, ep(0), ep(3),
                ClusterFailoverSettings.DEFAULT, line -> { }, CONNECTOR);
        assertThat(again.alreadyDone()).isTrue();
    }
}
