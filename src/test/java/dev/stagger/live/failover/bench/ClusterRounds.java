package dev.stagger.live.failover.bench;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.cluster.ClusterLab;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.live.cluster.ClusterFailoverSettings;
import dev.stagger.live.cluster.ClusterFailovers;
import dev.stagger.model.Auth;
import dev.stagger.model.Defaults;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import dev.stagger.model.Position;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.Service;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Bare {@code CLUSTER FAILOVER} on the replica against stagger's shard failover (the same command,
 * confirmed from several nodes and by a test write), alternating, on the first shard (r1, r4) of a
 * six-node cluster. The writer's keys share a hash tag of that shard; it finds the shard's master by
 * ROLE and connects to it directly.
 *
 * <p>A replica that won an election less than four cluster-node-timeouts ago does not hold a new one
 * (Redis's {@code auth_retry_time}); within two it even "wins" at once with the old election's votes
 * and stale epoch, is reverted, and the master stays paused until the manual failover times out
 * (5 s). So rounds are spaced: a node fails over again only after that time.
 */
final class ClusterRounds {
    private final int pairs;
    private final PrintStream log;
    private final Map<Integer, Long> lastElection = new java.util.HashMap<>();

    ClusterRounds(int pairs, PrintStream log) {
        this.pairs = pairs;
        this.log = log;
    }

    List<Round> run() {
        List<Round> rounds = new ArrayList<>();
        try (ClusterLab lab = ClusterLab.start()) {
            RedisClusterService service = service(lab);
            Inventory inventory = inventory(lab, service);
            String tag = tagInFirstShard();
            for (int i = 0; i < 2 * pairs; i++) {
                rounds.add(round(lab, inventory, service, tag, i % 2 == 1, i + 1));
            }
        }
        return rounds;
    }

    private Round round(ClusterLab lab, Inventory inventory, RedisClusterService service, String tag,
                        boolean stagger, int n) {
        List<RedisNode> shard = List.of(lab.node(0), lab.node(3));
        RedisNode master = "master".equals(shard.get(0).info("role")) ? shard.get(0) : shard.get(1);
        RedisNode replica = master == shard.get(0) ? shard.get(1) : shard.get(0);
        awaitElectionAllowed(replica);
        AckedWriter writer = new AckedWriter(MasterFinder.byRole(shard), null, tag);
        try (writer) {
            writer.awaitMoreAcks(50, 10_000);
            if (stagger) {
                ClusterFailovers.perform(inventory, service, endpoint(master), endpoint(replica),
                        ClusterFailoverSettings.DEFAULT, line -> { });
            } else {
                replica.call("CLUSTER", "FAILOVER");
            }
            LabSupport.await("the handover to " + replica, Duration.ofSeconds(30), Duration.ofMillis(5),
                    () -> "master".equals(replica.info("role")) && "slave".equals(master.info("role"))
                            ? null : replica + " is " + replica.info("role"));
            lastElection.put(replica.port(), System.nanoTime());
            writer.awaitMoreAcks(50, 20_000);
        }
        lab.awaitHealthy(Duration.ofSeconds(30));
        Round r;
        try (Jedis j = new Jedis("127.0.0.1", replica.port())) {
            r = Round.judge(stagger, writer, j);
        }
        log.println("  CLUSTER FAILOVER " + n + ": " + master.host() + " -> " + replica.host() + ", " + r);
        return r;
    }

    private void awaitElectionAllowed(RedisNode replica) {
        Long last = lastElection.get(replica.port());
        if (last == null) {
            return;
        }
        List<?> reply = (List<?>) replica.call("CONFIG", "GET", "cluster-node-timeout");
        long retryNanos = (4 * Long.parseLong(String.valueOf(reply.get(1))) + 1000) * 1_000_000;
        long wait = last + retryNanos - System.nanoTime();
        if (wait > 0) {
            dev.stagger.lab.ServerProcess.sleep(wait / 1_000_000);
        }
    }

    /** A hash tag whose slot lies in the first shard (0-5460). */
    static String tagInFirstShard() {
        for (int i = 0; ; i++) {
            if (JedisClusterCRC16.getSlot("{s" + i + "}") <= 5460) {
                return "s" + i;
            }
        }
    }

    private static Endpoint endpoint(RedisNode n) {
        return Endpoint.of(n.host(), n.port());
    }

    private static RedisClusterService service(ClusterLab lab) {
        List<Endpoint> instances = lab.nodes().stream().map(ClusterRounds::endpoint).toList();
        List<List<Endpoint>> shards = List.of(List.of(instances.get(0), instances.get(3)),
                List.of(instances.get(1), instances.get(4)), List.of(instances.get(2), instances.get(5)));
        return new RedisClusterService(ClusterLab.SERVICE, instances, shards, Auth.NONE, List.of(), Position.NONE);
    }

    private static Inventory inventory(ClusterLab lab, RedisClusterService service) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (RedisNode n : lab.nodes()) {
            hosts.put(n.host(), new Host(n.host(), "dc" + ((Integer.parseInt(n.host().substring(1)) - 1) % 3 + 1),
                    "127.0.0.1", HostState.UP, Position.NONE));
        }
        Map<String, Service> services = new LinkedHashMap<>();
        services.put(service.name(), service);
        return new Inventory("cluster-lab", "inventory.yaml", Defaults.STANDARD, Policy.STANDARD, hosts, services);
    }
}
