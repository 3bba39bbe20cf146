package dev.stagger.live.cluster;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads a cluster's topology over the network: CLUSTER NODES and CLUSTER INFO from one node, INFO
 * replication from every node it lists. A node that does not answer is left out of the replication
 * map, which {@link ClusterView#problems()} reports as unhealthy.
 */
public final class ClusterProbe {
    private final NodeConnector connector;

    public ClusterProbe(NodeConnector connector) {
        this.connector = connector;
    }

    /** The view of the first seed that answers; fails naming every seed tried and why. */
    public ClusterView read(List<String> seeds) {
        List<String> why = new ArrayList<>();
        for (String seed : seeds) {
            try {
                return read(seed);
            } catch (JedisException e) {
                why.add(seed + ": " + oneLine(e));
            }
        }
        throw new StaggerException(ExitCode.RUN_FAILED, "no cluster node answered CLUSTER NODES ("
                + String.join("; ", why) + "): check that the nodes run and the addresses in the inventory");
    }

    /** The cluster as {@code observer} sees it; throws JedisException when it does not answer. */
    public ClusterView read(String observer) {
        List<ClusterNode> nodes;
        ClusterInfo info;
        try (Jedis j = connector.open(observer)) {
            nodes = ClusterNodesParser.parse(j.clusterNodes());
            info = ClusterInfo.parse(j.clusterInfo());
        }
        Map<String, NodeReplication> replication = new HashMap<>();
        for (ClusterNode n : nodes) {
            if (!n.hasNoAddress()) {
                replication(n.address()).ifPresent(r -> replication.put(n.id(), r));
            }
        }
        return new ClusterView(observer, info, nodes, replication);
    }

    /** CLUSTER NODES as {@code address} sees it. */
    public List<ClusterNode> nodes(String address) {
        try (Jedis j = connector.open(address)) {
            return ClusterNodesParser.parse(j.clusterNodes());
        }
    }

    /** INFO replication of a node, or empty when it does not answer in time. */
    public Optional<NodeReplication> replication(String address) {
        try (Jedis j = connector.open(address)) {
            return Optional.of(NodeReplication.parse(j.info("replication")));
        } catch (JedisException e) {
            return Optional.empty();
        }
    }

    /** ROLE's first element ({@code master}, {@code slave}), or empty when it does not answer. */
    public Optional<String> role(String address) {
        try (Jedis j = connector.open(address)) {
            List<Object> role = j.role();
            return role.isEmpty() ? Optional.empty() : Optional.of(decode(role.get(0)).toString());
        } catch (JedisException e) {
            return Optional.empty();
        }
    }

    /** CLUSTER SHARDS (Redis 7.0+), or empty on older servers that do not know the command. */
    public Optional<List<ClusterShard>> shards(String address) {
        try (Jedis j = connector.open(address)) {
            Object reply = j.sendCommand(Protocol.Command.CLUSTER, "SHARDS");
            return Optional.of(ClusterShardsParser.parse((List<?>) decode(reply)));
        } catch (JedisDataException e) {
            // "ERR unknown subcommand 'SHARDS'" on 6.2: CLUSTER NODES says the same, less directly.
            return Optional.empty();
        }
    }

    /** Raw replies to strings, longs and lists. */
    static Object decode(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) {
                out.add(decode(e));
            }
            return out;
        }
        return o;
    }

    static String oneLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replace('\n', ' ');
    }
}
