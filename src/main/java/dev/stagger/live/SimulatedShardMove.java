package dev.stagger.live;

import dev.stagger.live.cluster.ClusterAddresses;
import dev.stagger.live.cluster.ClusterNode;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.cluster.Resolver;
import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SimulatedFailover} for a Redis Cluster shard: what a verified {@code CLUSTER FAILOVER} on
 * {@code target} leaves. Every node's own CLUSTER NODES (the split-brain rule compares them) shows the
 * target as master of the old master's slots and the old master, like the shard's other replicas, as
 * its replica; ROLE and INFO of those nodes say the same.
 */
final class SimulatedShardMove {
    private SimulatedShardMove() {
    }

    static LiveSnapshot apply(Inventory inventory, LiveSnapshot snapshot, RedisClusterService c, Endpoint target) {
        ClusterSnapshot now = ClusterSnapshot.of(inventory, c, snapshot);
        Optional<ClusterNode> t = now.node(target);
        if (t.isEmpty() || !t.get().isReplica() || t.get().masterId() == null) {
            return snapshot; // unknown to the cluster, or already a master: a real failover would not move anything
        }
        Optional<ClusterNode> old = now.view().node(t.get().masterId());
        if (old.isEmpty()) {
            return snapshot;
        }
        String targetId = t.get().id();
        String oldId = old.get().id();
        ClusterAddresses addresses = ClusterAddresses.of(inventory, c, Resolver::ip);
        Map<Instance, RedisProbe> redis = new HashMap<>(snapshot.redis());
        Map<Endpoint, RedisProbe> members = new HashMap<>();
        for (Endpoint e : c.instances()) {
            Instance i = new Instance(c.name(), e);
            RedisProbe p = redis.get(i);
            if (p == null) {
                continue;
            }
            if (p.cluster() != null) {
                p = withView(p, moved(p.cluster(), targetId, oldId));
                redis.put(i, p);
            }
            Optional<ClusterNode> n = now.node(e);
            if (!e.equals(target) && n.isPresent() && (n.get().id().equals(oldId) || oldId.equals(n.get().masterId()))
                    && SimulatedFailover.answered(p)) {
                members.put(e, p);
            }
        }
        Instance ti = new Instance(c.name(), target);
        if (!SimulatedFailover.answered(redis.get(ti))) {
            return new LiveSnapshot(snapshot.at(), redis, snapshot.sentinels(), snapshot.apps());
        }
        String live = addresses.live(target);
        String host = live.substring(0, live.lastIndexOf(':'));
        long offset = redis.get(ti).info().replOffset();
        for (RedisProbe p : members.values()) {
            if (p.isMaster()) {
                offset = Math.max(offset, p.info().masterReplOffset());
            }
        }
        List<RedisInfo.ReplicaLink> links = new ArrayList<>();
        for (Map.Entry<Endpoint, RedisProbe> m : members.entrySet()) {
            boolean wasMaster = m.getValue().isMaster();
            long own = wasMaster ? offset : m.getValue().info().replOffset();
            String a = addresses.live(m.getKey());
            links.add(new RedisInfo.ReplicaLink(a.substring(0, a.lastIndexOf(':')), m.getKey().port(), "online", own, 0));
            redis.put(new Instance(c.name(), m.getKey()), SimulatedFailover.asReplica(m.getValue(), host, target.port(), own, wasMaster));
        }
        redis.put(ti, SimulatedFailover.asMaster(redis.get(ti), offset, links));
        return new LiveSnapshot(snapshot.at(), redis, snapshot.sentinels(), snapshot.apps());
    }

    /** One node's view after the move: the target takes the old master's slots, the old master follows it. */
    static ClusterView moved(ClusterView v, String targetId, String oldId) {
        Optional<ClusterNode> old = v.node(oldId);
        Optional<ClusterNode> target = v.node(targetId);
        if (old.isEmpty() || target.isEmpty()) {
            return v;
        }
        long epoch = v.nodes().stream().mapToLong(ClusterNode::configEpoch).max().orElse(0) + 1;
        List<ClusterNode> nodes = new ArrayList<>();
        for (ClusterNode n : v.nodes()) {
            if (n.id().equals(targetId)) {
                nodes.add(new ClusterNode(n.id(), n.ip(), n.port(), n.busPort(), n.hostname(), swap(n.flags(), "slave", "master"),
                        null, epoch, n.linkConnected(), old.get().slots()));
            } else if (n.id().equals(oldId)) {
                nodes.add(new ClusterNode(n.id(), n.ip(), n.port(), n.busPort(), n.hostname(), swap(n.flags(), "master", "slave"),
                        targetId, n.configEpoch(), n.linkConnected(), List.of()));
            } else if (oldId.equals(n.masterId())) {
                nodes.add(new ClusterNode(n.id(), n.ip(), n.port(), n.busPort(), n.hostname(), n.flags(), targetId,
                        n.configEpoch(), n.linkConnected(), n.slots()));
            } else {
                nodes.add(n);
            }
        }
        return new ClusterView(v.observer(), v.info(), nodes, v.replication());
    }

    private static Set<String> swap(Set<String> flags, String from, String to) {
        Set<String> out = new LinkedHashSet<>(flags);
        out.remove(from);
        out.add(to);
        return Set.copyOf(out);
    }

    private static RedisProbe withView(RedisProbe p, ClusterView view) {
        return new RedisProbe(p.instance(), p.address(), p.reachable(), p.loading(), p.reason(), p.role(), p.info(), view);
    }
}
