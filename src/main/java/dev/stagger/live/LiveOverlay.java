package dev.stagger.live;

import dev.stagger.live.cluster.ClusterDrift;
import dev.stagger.live.redis.Addresses;
import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Position;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory as the cluster really is right now, for {@code validate --live} and {@code plan --live}:
 * each redis group's master is the instance ROLE says is master, and a host whose every probed
 * instance fails to answer is down. {@link #drift} says what differs from the file.
 */
public final class LiveOverlay {
    private LiveOverlay() {
    }

    public static Inventory apply(Inventory inventory, LiveSnapshot snapshot) {
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (Host h : inventory.hosts().values()) {
            HostState live = liveState(inventory, snapshot, h.name()).orElse(h.state());
            hosts.put(h.name(), new Host(h.name(), h.dc(), h.address(), live, h.position()));
        }
        Map<String, Service> services = new LinkedHashMap<>();
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisService r) {
                Endpoint master = snapshot.liveMaster(r).orElse(r.master());
                services.put(s.name(), new RedisService(r.name(), r.instances(), master, r.sentinel(), r.masterName(),
                        r.auth(), r.requires(), r.position()));
            } else if (s instanceof RedisClusterService c) {
                services.put(s.name(), liveShards(c, ClusterSnapshot.of(inventory, c, snapshot)));
            } else if (s instanceof SentinelService st) {
                // The quorum the sentinels were configured with decides whether a failover can happen.
                LiveQuorum q = LiveQuorum.ofGroup(st, LiveQuorum.masterNamesOf(inventory, st), snapshot);
                services.put(s.name(), new SentinelService(st.name(), st.instances(), q.quorum(), st.auth(),
                        st.requires(), st.position()));
            } else {
                services.put(s.name(), s);
            }
        }
        return new Inventory(inventory.cluster(), inventory.file(), inventory.defaults(), inventory.policy(), hosts, services);
    }

    /** Every difference between the inventory and the snapshot, as {@code drift} warnings. */
    public static List<Diagnostic> drift(Inventory inventory, LiveSnapshot snapshot) {
        Findings f = new Findings(Position.of(inventory.file()), List.of());
        Addresses addresses = new Addresses(inventory);
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisService r) {
                redisDrift(r, snapshot, addresses, f);
            }
        }
        for (Service s : inventory.services().values()) {
            if (s instanceof SentinelService st) {
                for (String name : LiveQuorum.masterNamesOf(inventory, st)) {
                    LiveQuorum q = LiveQuorum.of(st, name, snapshot);
                    if (q.differs()) {
                        f.warning("drift", st.name(), st.name() + ": the sentinels watch " + name + " with quorum "
                                        + q.quorum() + ", the inventory says " + q.declared() + "; the live quorum is the one"
                                        + " that decides a failover (--live and run use it)",
                                "set `quorum: " + q.quorum() + "` for " + st.name() + " in the inventory, or `SENTINEL SET "
                                        + name + " quorum " + q.declared() + "` on every sentinel");
                    }
                }
            }
        }
        List<Diagnostic> clusterDrift = new ArrayList<>();
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisClusterService c) {
                ClusterSnapshot live = ClusterSnapshot.of(inventory, c, snapshot);
                if (live.hasView()) {
                    clusterDrift.addAll(ClusterDrift.check(c, live.addresses(), live.view()));
                }
            }
        }
        for (Host h : inventory.hosts().values()) {
            Optional<HostState> live = liveState(inventory, snapshot, h.name());
            if (live.isPresent() && live.get() != h.state()) {
                boolean answers = live.get() == HostState.UP;
                f.warning("drift", h.name(), "host " + h.name() + " is declared `state: " + h.state().name().toLowerCase(java.util.Locale.ROOT)
                                + "` but " + (answers ? "its instances answer" : "none of its instances answer"),
                        answers ? "remove `state: down` from " + h.name() + " in the inventory"
                                : "bring " + h.name() + " back, or declare it `state: down`");
            }
        }
        List<Diagnostic> out = f.list();
        out.addAll(clusterDrift);
        return out;
    }

    /**
     * The cluster with each declared shard's live master (CLUSTER NODES) first, so the static rules
     * judge the masters as they are. Membership stays as declared: drift reports where it differs.
     */
    private static RedisClusterService liveShards(RedisClusterService c, ClusterSnapshot live) {
        if (!live.hasView()) {
            return c;
        }
        List<List<Endpoint>> shards = new ArrayList<>();
        for (List<Endpoint> declared : c.shards()) {
            Optional<Endpoint> master = declared.stream()
                    .filter(e -> live.node(e).map(n -> n.isMaster() && !n.slots().isEmpty() && !n.isFailed()).orElse(false))
                    .findFirst();
            List<Endpoint> shard = new ArrayList<>(declared);
            master.ifPresent(m -> {
                shard.remove(m);
                shard.add(0, m);
            });
            shards.add(List.copyOf(shard));
        }
        return new RedisClusterService(c.name(), c.instances(), List.copyOf(shards), c.auth(), c.requires(), c.position());
    }

    private static void redisDrift(RedisService r, LiveSnapshot snapshot, Addresses addresses, Findings f) {
        Optional<Endpoint> live = snapshot.liveMaster(r);
        if (live.isPresent() && !live.get().equals(r.master())) {
            f.warning("drift", r.name(), r.name() + ": the inventory declares master " + r.master()
                            + " but ROLE says the master is " + live.get(),
                    "set `master: " + live.get() + "` for " + r.name() + " in the inventory (--live and run use ROLE either way)");
        }
        for (Endpoint e : r.instances()) {
            RedisProbe p = snapshot.redis(new Instance(r.name(), e)).orElse(null);
            if (p == null || !p.isMaster() || p.info() == null) {
                continue;
            }
            for (RedisInfo.ReplicaLink link : p.info().replicas()) {
                if (addresses.endpointAt(link.ip(), link.port()).isEmpty()) {
                    f.warning("drift", r.name(), r.name() + ": master " + e + " has a replica " + link.ip() + ":" + link.port()
                                    + " that is not in the inventory",
                            "add it to " + r.name() + "'s instances, or detach it (REPLICAOF NO ONE on it)");
                }
            }
        }
    }

    /** UP if any probed instance of the host answers, DOWN if all probed ones fail, empty if none probed. */
    static Optional<HostState> liveState(Inventory inventory, LiveSnapshot snapshot, String host) {
        boolean anyProbed = false;
        for (Instance i : inventory.instancesOnHost(host)) {
            if (!snapshot.wasProbed(i)) {
                continue;
            }
            anyProbed = true;
            if (answers(snapshot, i)) {
                return Optional.of(HostState.UP);
            }
        }
        return anyProbed ? Optional.of(HostState.DOWN) : Optional.empty();
    }

    /** Answered at all (a loading Redis or an app answering 500 still means the host is up). */
    private static boolean answers(LiveSnapshot snapshot, Instance i) {
        if (snapshot.redis(i).isPresent()) {
            return snapshot.redis(i).get().reachable();
        }
        if (snapshot.sentinel(i).isPresent()) {
            return snapshot.sentinel(i).get().reachable();
        }
        return snapshot.app(i).map(a -> a.healthy() || (a.reason() != null && a.reason().startsWith("answered"))).orElse(false);
    }
}
