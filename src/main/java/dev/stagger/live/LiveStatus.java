package dev.stagger.live;

import dev.stagger.live.cluster.ClusterNode;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.cluster.SlotRange;
import dev.stagger.live.redis.Addresses;
import dev.stagger.model.AppService;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns a snapshot into {@code stagger status} rows, service by service in inventory order. */
public final class LiveStatus {
    private LiveStatus() {
    }

    public static List<StatusRow> rows(Inventory inventory, LiveSnapshot snapshot) {
        Addresses addresses = new Addresses(inventory);
        Map<String, ClusterSnapshot> views = new HashMap<>();
        List<StatusRow> out = new ArrayList<>();
        for (Service s : inventory.services().values()) {
            for (Endpoint e : s.instances()) {
                Instance i = new Instance(s.name(), e);
                if (s instanceof RedisService r) {
                    out.add(redisRow(new GroupState(inventory, r, snapshot, addresses), e));
                } else if (s instanceof RedisClusterService c) {
                    out.add(clusterNodeRow(c, views.computeIfAbsent(c.name(),
                            k -> ClusterSnapshot.of(inventory, c, snapshot)), i, snapshot));
                } else if (s instanceof SentinelService st) {
                    out.add(sentinelRow(inventory, st, i, snapshot, addresses));
                } else if (s instanceof AppService) {
                    AppProbe p = snapshot.app(i).orElse(null);
                    out.add(new StatusRow(s.name(), s.kind(), i.toString(), p == null ? "" : p.target(), "app",
                            p != null && p.healthy(), p == null ? "not probed" : p.healthy() ? "ok" : p.reason(),
                            null, null, null, null, null));
                }
            }
        }
        return out;
    }

    private static StatusRow redisRow(GroupState g, Endpoint e) {
        Instance i = g.instance(e);
        RedisProbe p = g.probe(e).orElse(null);
        if (p == null) {
            return new StatusRow(g.service.name(), g.service.kind(), i.toString(), g.addresses.of(e), "?", false,
                    "not probed", null, null, null, null, null);
        }
        String link = null;
        Long lag = null;
        if (p.isReplica() && p.info() != null) {
            link = p.info().masterSyncInProgress() ? "syncing" : p.info().masterLinkStatus();
            OptionalLong l = g.lag(e);
            lag = l.isPresent() ? l.getAsLong() : null;
        } else if (p.isMaster() && p.info() != null) {
            link = p.info().replicas().size() + " replicas";
        }
        Double memory = p.info() == null || p.info().memoryPercent() < 0 ? null : p.info().memoryPercent();
        String drift = null;
        boolean declaredMaster = e.equals(g.service.master());
        if (p.isMaster() && !declaredMaster) {
            drift = "master, declared replica";
        } else if (p.isReplica() && declaredMaster) {
            drift = "replica, declared master";
        }
        String health = p.healthy() ? "ok" : p.reason();
        return new StatusRow(g.service.name(), g.service.kind(), i.toString(), p.address(), p.roleLabel(), p.healthy(),
                health, link, lag, memory, null, drift);
    }

    /** Each Redis Cluster of the inventory, shard by shard, in inventory order. */
    public static List<ClusterSummary> clusters(Inventory inventory, LiveSnapshot snapshot) {
        List<ClusterSummary> out = new ArrayList<>();
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisClusterService c) {
                out.add(clusterSummary(ClusterSnapshot.of(inventory, c, snapshot)));
            }
        }
        return out;
    }

    private static ClusterSummary clusterSummary(ClusterSnapshot c) {
        if (!c.hasView()) {
            return new ClusterSummary(c.service().name(), null, 0, null, null, List.of(), c.reason());
        }
        ClusterView v = c.view();
        List<ClusterSummary.Shard> shards = new ArrayList<>();
        for (ClusterView.Shard s : v.shards()) {
            List<ClusterSummary.Replica> replicas = new ArrayList<>();
            for (ClusterView.Replica r : s.replicas()) {
                String link = r.replication() == null ? "unknown" : r.replication().syncInProgress() ? "syncing"
                        : r.replication().linkUp() ? "up" : "down";
                replicas.add(new ClusterSummary.Replica(c.name(r.node()), link, r.lag() < 0 ? null : r.lag(), flags(r.node())));
            }
            shards.add(new ClusterSummary.Shard(s.slotsText(), c.name(s.master()), flags(s.master()), replicas,
                    shardDrift(c, s)));
        }
        List<SlotRange> missing = v.missingSlots();
        return new ClusterSummary(c.service().name(), v.info().state(), v.coveredSlots(),
                missing.isEmpty() ? null : SlotRange.describe(missing), v.observer(), shards, null);
    }

    /** How a live shard differs from the declared one holding its master, or null. */
    private static String shardDrift(ClusterSnapshot c, ClusterView.Shard s) {
        Optional<Endpoint> master = c.endpoint(s.master());
        if (master.isEmpty()) {
            return "master not in the inventory";
        }
        if (s.slots().isEmpty()) {
            return null;
        }
        Optional<List<Endpoint>> declared = c.service().shards().stream().filter(d -> d.contains(master.get())).findFirst();
        if (declared.isEmpty()) {
            return "master in no declared shard";
        }
        return declared.get().get(0).equals(master.get()) ? null : "declared master " + declared.get().get(0);
    }

    private static String flags(ClusterNode n) {
        List<String> f = new ArrayList<>();
        if (n.isFailed()) {
            f.add("fail");
        }
        if (n.isSuspectedFailed()) {
            f.add("fail?");
        }
        if (n.isHandshake()) {
            f.add("handshake");
        }
        if (!n.isMyself() && !n.linkConnected()) {
            f.add("bus disconnected");
        }
        return f.isEmpty() ? null : String.join(",", f);
    }

    private static StatusRow clusterNodeRow(RedisClusterService s, ClusterSnapshot c, Instance i, LiveSnapshot snapshot) {
        RedisProbe p = snapshot.redis(i).orElse(null);
        if (p == null) {
            return new StatusRow(s.name(), s.kind(), i.toString(), "", "?", false, "not probed", null, null, null, null, null);
        }
        Double memory = p.info() == null || p.info().memoryPercent() < 0 ? null : p.info().memoryPercent();
        Optional<ClusterNode> node = c.node(i.endpoint());
        String flags = node.map(LiveStatus::flags).orElse(null);
        String health = p.healthy() ? (flags == null ? "ok" : "answers; cluster flags " + flags) : p.reason();
        String role = p.roleLabel();
        String link = null;
        Long lag = null;
        Optional<ClusterView.Replica> replica = ClusterRules.replicaView(c, i.endpoint());
        if (replica.isPresent() && p.healthy()) {
            ClusterView.Replica r = replica.get();
            link = r.replication() == null ? null : r.replication().syncInProgress() ? "syncing"
                    : r.replication().linkUp() ? "up" : "down";
            lag = r.lag() < 0 ? null : r.lag();
            role = "replica of " + c.view().node(r.node().masterId()).map(c::name).orElse("?");
        } else if (node.isPresent() && node.get().isMaster() && p.healthy()) {
            role = "master " + SlotRange.describe(node.get().slots());
            link = c.view().shardOfMaster(node.get().id()).map(sh -> sh.replicas().size() + " replicas").orElse(null);
        }
        String drift = null;
        Optional<List<Endpoint>> declared = s.shards().stream().filter(d -> d.contains(i.endpoint())).findFirst();
        boolean declaredMaster = declared.map(d -> d.get(0).equals(i.endpoint())).orElse(false);
        boolean liveMaster = node.map(n -> n.isMaster() && !n.slots().isEmpty()).orElse(false);
        if (p.healthy() && node.isPresent()) {
            if (liveMaster && !declaredMaster) {
                drift = "master, declared replica";
            } else if (!liveMaster && declaredMaster) {
                drift = "replica, declared master";
            }
        }
        return new StatusRow(s.name(), s.kind(), i.toString(), p.address(), role, p.healthy() && flags == null,
                health, link, lag, memory, null, drift);
    }

    private static StatusRow sentinelRow(Inventory inventory, SentinelService st, Instance i, LiveSnapshot snapshot,
                                         Addresses addresses) {
        SentinelProbe p = snapshot.sentinel(i).orElse(null);
        if (p == null || !p.reachable()) {
            return new StatusRow(st.name(), st.kind(), i.toString(), p == null ? "" : p.address(), "sentinel", false,
                    p == null ? "not probed" : p.reason(), null, null, null, null, null);
        }
        List<String> views = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        for (SentinelView v : p.masters().values()) {
            String master = Optional.ofNullable(v.masterAddress()).map(a -> describe(addresses, a)).orElse("not monitored");
            // The quorum this sentinel was configured with, and whether CKQUORUM says it can be reached now.
            views.add(v.name() + "=" + master + " others " + v.numOtherSentinels() + "/" + (st.instances().size() - 1)
                    + " quorum " + v.quorum() + (v.quorumOk() ? " ok" : " FAILED"));
            if (v.masterAddress() != null && v.quorum() != st.quorum()) {
                drift.add("quorum " + v.quorum() + ", declared " + st.quorum());
            }
        }
        return new StatusRow(st.name(), st.kind(), i.toString(), p.address(), "sentinel", true, "ok", null, null, null,
                views.isEmpty() ? "-" : String.join("; ", views), drift.isEmpty() ? null : String.join("; ", drift));
    }

    private static String describe(Addresses addresses, String address) {
        int colon = address.lastIndexOf(':');
        try {
            return addresses.endpointAt(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                    .map(Endpoint::toString).orElse(address);
        } catch (RuntimeException e) {
            return address;
        }
    }
}
