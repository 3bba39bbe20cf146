package dev.stagger.live.discover;

import dev.stagger.discover.NetAddress;
import dev.stagger.discover.Topology;
import dev.stagger.live.cluster.ClusterNode;
import dev.stagger.live.cluster.ClusterNodesParser;
import dev.stagger.live.LiveProber;
import dev.stagger.live.cluster.NodeConnector;
import dev.stagger.live.cluster.Resolver;
import dev.stagger.live.cluster.SlotRange;
import dev.stagger.model.Auth;
import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads the live topology for {@code stagger discover}: from each sentinel SENTINEL MASTERS,
 * REPLICAS and SENTINELS; from a cluster node CLUSTER NODES. Read-only: it sends no command that
 * changes anything.
 */
public final class LiveDiscovery {
    private final NodeConnector redis;
    private final NodeConnector sentinels;

    public LiveDiscovery(Auth redisAuth, Auth sentinelAuth, Duration timeout) {
        this.redis = NodeConnector.of(redisAuth, timeout);
        this.sentinels = NodeConnector.of(sentinelAuth, timeout);
    }

    public Topology read(List<NetAddress> sentinelSeeds, NetAddress clusterSeed, Instant now) {
        List<String> sources = new ArrayList<>();
        Map<String, Topology.SentinelMaster> masters = new LinkedHashMap<>();
        for (NetAddress s : sentinelSeeds) {
            sources.add("sentinel " + s);
            for (Topology.SentinelMaster m : readSentinel(s)) {
                // Several seeds of one group report the same masters: keep the first, union the sentinels.
                masters.merge(m.name() + "@" + m.master(), m, LiveDiscovery::union);
            }
        }
        Topology.Cluster cluster = null;
        if (clusterSeed != null) {
            sources.add("cluster node " + clusterSeed);
            cluster = readCluster(clusterSeed);
        }
        return new Topology(now, sources, List.copyOf(masters.values()), cluster);
    }

    private static Topology.SentinelMaster union(Topology.SentinelMaster a, Topology.SentinelMaster b) {
        TreeSet<NetAddress> s = new TreeSet<>(a.sentinels());
        s.addAll(b.sentinels());
        TreeSet<NetAddress> r = new TreeSet<>(a.replicas());
        r.addAll(b.replicas());
        return new Topology.SentinelMaster(a.name(), a.master(), List.copyOf(r), Math.max(a.quorum(), b.quorum()),
                List.copyOf(s), a.notes());
    }

    List<Topology.SentinelMaster> readSentinel(NetAddress seed) {
        // The sentinel's own address as its peers would announce it: an IP, not the name typed.
        NetAddress self = new NetAddress(Resolver.ip(seed.host()), seed.port());
        List<Topology.SentinelMaster> out = new ArrayList<>();
        try (Jedis j = sentinels.open(seed.toString())) {
            for (Map<String, String> m : j.sentinelMasters()) {
                String name = m.get("name");
                List<String> notes = new ArrayList<>();
                flagNote(notes, "master", m);
                NetAddress master = addr(m);
                List<NetAddress> replicas = new ArrayList<>();
                for (Map<String, String> r : j.sentinelReplicas(name)) {
                    replicas.add(addr(r));
                    flagNote(notes, "replica " + addr(r), r);
                }
                TreeSet<NetAddress> group = new TreeSet<>();
                group.add(self);
                for (Map<String, String> s : j.sentinelSentinels(name)) {
                    group.add(addr(s));
                    flagNote(notes, "sentinel " + addr(s), s);
                }
                replicas.sort(Comparator.naturalOrder());
                out.add(new Topology.SentinelMaster(name, master, List.copyOf(replicas),
                        Integer.parseInt(m.getOrDefault("quorum", "1")), List.copyOf(group), List.copyOf(notes)));
            }
        } catch (RuntimeException e) {
            // JedisException, and the cast and number errors of replies that are not a sentinel's
            throw new StaggerException(ExitCode.RUN_FAILED, failure("sentinel", seed, "SENTINEL MASTERS", e)
                    + "; check the address and --sentinel-auth-env/--sentinel-auth-file");
        }
        return out;
    }

    /**
     * "10.0.3.10:26379 does not answer like a Redis sentinel: ..." when it answered something else (a
     * reply the client or our parser could not read as the command's), or "sentinel 10.0.3.10:26379 did
     * not answer SENTINEL MASTERS: connection refused" when it did not answer at all.
     */
    private static String failure(String kind, NetAddress seed, String command, RuntimeException e) {
        String why = LiveProber.describe(e);
        if (why.startsWith("does not answer like Redis")) {
            return seed + " does not answer like a Redis " + kind + why.substring("does not answer like Redis".length());
        }
        if (!(e instanceof redis.clients.jedis.exceptions.JedisException)) {
            return seed + " does not answer like a Redis " + kind + ": " + why;
        }
        return kind + " " + seed + " did not answer " + command + ": " + why;
    }

    private static void flagNote(List<String> notes, String what, Map<String, String> entry) {
        String flags = entry.getOrDefault("flags", "");
        for (String bad : List.of("s_down", "o_down", "disconnected", "failover_in_progress")) {
            if (List.of(flags.split(",")).contains(bad)) {
                notes.add(what + " was flagged " + flags + " at discovery");
                return;
            }
        }
    }

    private static NetAddress addr(Map<String, String> entry) {
        return new NetAddress(entry.get("ip"), Integer.parseInt(entry.get("port")));
    }

    Topology.Cluster readCluster(NetAddress seed) {
        List<ClusterNode> nodes;
        try (Jedis j = redis.open(seed.toString())) {
            nodes = ClusterNodesParser.parse(j.clusterNodes());
        } catch (RuntimeException e) {
            throw new StaggerException(ExitCode.RUN_FAILED, failure("cluster node", seed, "CLUSTER NODES", e)
                    + "; check the address, that it runs with cluster-enabled yes, and --auth-env");
        }
        return ClusterShape.of(seed, nodes);
    }

    /** CLUSTER NODES to shards, master first. Pure, so it is tested on captured replies. */
    public static final class ClusterShape {
        private ClusterShape() {
        }

        public static Topology.Cluster of(NetAddress seed, List<ClusterNode> nodes) {
            List<String> notes = new ArrayList<>();
            List<ClusterNode> masters = new ArrayList<>();
            for (ClusterNode n : nodes) {
                if (n.hasNoAddress() || n.isHandshake()) {
                    notes.add("left out node " + n.id() + " (" + String.join(",", n.flags()) + "): it has no address yet");
                } else if (n.isMaster()) {
                    masters.add(n);
                }
                if (!n.hasNoAddress() && (n.isFailed() || n.isSuspectedFailed())) {
                    notes.add(n.address() + " was flagged " + String.join(",", n.flags()) + " at discovery");
                }
            }
            masters.sort(Comparator.comparing((ClusterNode n) -> n.slots().isEmpty())
                    .thenComparing(n -> n.slots().isEmpty() ? 0 : n.slots().get(0).first())
                    .thenComparing(n -> new NetAddress(n.ip(), n.port())));
            List<Topology.Shard> shards = new ArrayList<>();
            for (ClusterNode m : masters) {
                List<NetAddress> members = new ArrayList<>();
                members.add(new NetAddress(m.ip(), m.port()));
                nodes.stream().filter(r -> r.isReplica() && m.id().equals(r.masterId()) && !r.hasNoAddress())
                        .map(r -> new NetAddress(r.ip(), r.port())).sorted().forEach(members::add);
                if (m.slots().isEmpty()) {
                    notes.add("master " + m.address() + " serves no slots");
                }
                shards.add(new Topology.Shard(List.copyOf(members), SlotRange.describe(m.slots())));
            }
            for (ClusterNode r : nodes) {
                if (r.isReplica() && !r.hasNoAddress()
                        && masters.stream().noneMatch(m -> m.id().equals(r.masterId()))) {
                    notes.add("left out replica " + r.address() + ": its master " + r.masterId() + " is not listed");
                }
            }
            return new Topology.Cluster(seed, List.copyOf(shards), List.copyOf(notes));
        }
    }
}
