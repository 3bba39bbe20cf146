package dev.stagger.live;

import dev.stagger.live.redis.Addresses;
import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code run --dry-run} needs to judge its next gates: a snapshot with a failover applied that
 * the dry run only pretended to do. Afterwards the target says (ROLE, INFO) it is master, the old
 * master and every other replica follow it with link up, and the sentinels name it; for a Redis
 * Cluster shard, every node's CLUSTER NODES shows the target holding the slots and the old master as
 * its replica. That is the state a verified real failover leaves (SPEC run step 2). Everything else
 * in the snapshot (persistence, memory, sentinels' health, other groups) is left as probed. Pure.
 */
public final class SimulatedFailover {
    private SimulatedFailover() {
    }

    /**
     * The snapshot as it would be after {@code service}'s master (or, in a Redis Cluster, the master of
     * the shard {@code newMaster} belongs to) moved to {@code newMaster}. Unchanged when there is
     * nothing a real failover could do: the target did not answer, or already is the master.
     */
    public static LiveSnapshot apply(Inventory inventory, LiveSnapshot snapshot, String service, Endpoint newMaster) {
        Service s = inventory.service(service).orElse(null);
        if (s instanceof RedisService r) {
            return group(inventory, snapshot, r, newMaster);
        }
        if (s instanceof RedisClusterService c) {
            return SimulatedShardMove.apply(inventory, snapshot, c, newMaster);
        }
        return snapshot;
    }

    private static LiveSnapshot group(Inventory inventory, LiveSnapshot snapshot, RedisService r, Endpoint target) {
        Instance t = new Instance(r.name(), target);
        if (!answered(snapshot.redis().get(t))) {
            return snapshot;
        }
        Addresses addresses = new Addresses(inventory);
        String host = addresses.addressOf(target.host());
        // The failover waits until the target has every write of the old master: it starts at that offset.
        long offset = snapshot.redis().get(t).info().replOffset();
        for (Endpoint m : snapshot.liveMasters(r)) {
            offset = Math.max(offset, snapshot.redis().get(new Instance(r.name(), m)).info().masterReplOffset());
        }
        Map<Instance, RedisProbe> redis = new HashMap<>(snapshot.redis());
        List<RedisInfo.ReplicaLink> links = new ArrayList<>();
        for (Endpoint e : r.instances()) {
            Instance i = new Instance(r.name(), e);
            RedisProbe p = snapshot.redis().get(i);
            if (e.equals(target) || !answered(p)) {
                continue;
            }
            boolean wasMaster = p.isMaster();
            long own = wasMaster ? offset : p.info().replOffset();
            links.add(new RedisInfo.ReplicaLink(addresses.addressOf(e.host()), e.port(), "online", own, 0));
            redis.put(i, asReplica(p, host, target.port(), own, wasMaster));
        }
        redis.put(t, asMaster(snapshot.redis().get(t), offset, links));
        Map<Instance, SentinelProbe> sentinels = new LinkedHashMap<>(snapshot.sentinels());
        if (r.sentinel() != null) {
            snapshot.sentinels().forEach((i, p) -> {
                if (i.service().equals(r.sentinel())) {
                    sentinels.put(i, naming(p, r.masterName(), host + ":" + target.port()));
                }
            });
        }
        return new LiveSnapshot(snapshot.at(), redis, sentinels, snapshot.apps());
    }

    /** Answered ROLE and INFO: something a failover could move. */
    static boolean answered(RedisProbe p) {
        return p != null && p.healthy() && p.role() != null && p.info() != null;
    }

    /** The probe of an instance promoted to master at {@code offset}, with {@code replicas} following it. */
    static RedisProbe asMaster(RedisProbe p, long offset, List<RedisInfo.ReplicaLink> replicas) {
        List<RoleReply.Replica> role = replicas.stream().map(l -> new RoleReply.Replica(l.ip(), l.port(), l.offset())).toList();
        RedisInfo i = p.info();
        RedisInfo info = new RedisInfo(true, null, 0, null, false, offset, offset, List.copyOf(replicas), i.loading(),
                i.rdbBgsaveInProgress(), i.aofRewriteInProgress(), i.aofEnabled(), i.rdbChangesSinceLastSave(),
                i.usedMemory(), i.maxmemory(), i.totalSystemMemory(), i.version());
        return new RedisProbe(p.instance(), p.address(), p.reachable(), p.loading(), p.reason(),
                new RoleReply("master", offset, null, 0, null, role), info, p.cluster());
    }

    /**
     * The probe of an instance that follows {@code host:port}. The old master is caught up with its link
     * up (the failover verified that); a replica that only re-points keeps its own link and sync state.
     */
    static RedisProbe asReplica(RedisProbe p, String host, int port, long offset, boolean wasMaster) {
        RedisInfo i = p.info();
        String link = wasMaster ? "up" : i.masterLinkStatus();
        boolean syncing = !wasMaster && i.masterSyncInProgress();
        RedisInfo info = new RedisInfo(false, host, port, link, syncing, offset, offset, List.of(), i.loading(),
                i.rdbBgsaveInProgress(), i.aofRewriteInProgress(), i.aofEnabled(), i.rdbChangesSinceLastSave(),
                i.usedMemory(), i.maxmemory(), i.totalSystemMemory(), i.version());
        String state = "up".equals(link) && !syncing ? "connected" : "connecting";
        return new RedisProbe(p.instance(), p.address(), p.reachable(), p.loading(), p.reason(),
                new RoleReply("slave", offset, host, port, state, List.of()), info, p.cluster());
    }

    /** A sentinel that names {@code address} as the master of {@code masterName} (when it monitors it at all). */
    private static SentinelProbe naming(SentinelProbe p, String masterName, String address) {
        SentinelView v = p.view(masterName);
        if (!p.reachable() || v == null || v.masterAddress() == null) {
            return p;
        }
        Map<String, SentinelView> views = new LinkedHashMap<>(p.masters());
        views.put(masterName, new SentinelView(v.name(), address, v.flags(), v.numOtherSentinels(), v.quorum(),
                v.knownSentinels(), v.knownReplicas(), v.quorumOk(), v.quorumMessage()));
        return new SentinelProbe(p.instance(), p.address(), true, p.reason(), views);
    }
}
