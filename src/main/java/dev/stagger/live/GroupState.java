package dev.stagger.live;

import dev.stagger.live.redis.Addresses;
import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One redis group as the snapshot shows it: its live master, its replicas' sync, its sentinels' views. */
final class GroupState {
    final RedisService service;
    final SentinelService sentinels;
    final LiveSnapshot snapshot;
    final Addresses addresses;
    final long maxLag;

    GroupState(Inventory inventory, RedisService service, LiveSnapshot snapshot, Addresses addresses) {
        this.service = service;
        this.sentinels = service.sentinel() == null ? null
                : inventory.service(service.sentinel()).filter(SentinelService.class::isInstance)
                        .map(SentinelService.class::cast).orElse(null);
        this.snapshot = snapshot;
        this.addresses = addresses;
        this.maxLag = inventory.policy().maxLagBytes();
    }

    Instance instance(Endpoint e) {
        return new Instance(service.name(), e);
    }

    Optional<RedisProbe> probe(Endpoint e) {
        return snapshot.redis(instance(e));
    }

    List<Endpoint> masters() {
        return snapshot.liveMasters(service);
    }

    Optional<Endpoint> master() {
        return snapshot.liveMaster(service);
    }

    /** Bytes of replication offset a replica is behind the live master; empty when unknown. */
    OptionalLong lag(Endpoint replica) {
        Optional<Endpoint> m = master();
        Optional<RedisProbe> rp = probe(replica);
        if (m.isEmpty() || rp.isEmpty() || rp.get().info() == null) {
            return OptionalLong.empty();
        }
        Optional<RedisProbe> mp = probe(m.get());
        if (mp.isEmpty() || mp.get().info() == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, mp.get().info().masterReplOffset() - rp.get().info().replOffset()));
    }

    /**
     * Why a replica is not in sync with the live master (link, full sync, lag, wrong master), or null
     * when it is. Unreachable replicas are the unreachable rule's business, so they return null here.
     */
    String outOfSync(Endpoint replica) {
        RedisProbe p = probe(replica).orElse(null);
        if (p == null || !p.healthy() || p.info() == null) {
            return null;
        }
        if (!p.isReplica()) {
            return null;
        }
        RedisInfo info = p.info();
        if (!info.linkUp()) {
            return "master_link_status:" + info.masterLinkStatus();
        }
        if (info.masterSyncInProgress()) {
            return "a full sync is in progress (master_sync_in_progress:1)";
        }
        Optional<Endpoint> m = master();
        if (m.isPresent()) {
            String expected = addresses.of(m.get());
            String actual = info.masterHost() + ":" + info.masterPort();
            if (!expected.equals(actual)) {
                return "it replicates from " + addresses.describe(info.masterHost(), info.masterPort())
                        + ", not the live master " + m.get();
            }
        }
        OptionalLong lag = lag(replica);
        if (lag.isPresent() && lag.getAsLong() > maxLag) {
            return "it is " + lag.getAsLong() + " bytes of offset behind the master (max_lag " + maxLag + ")";
        }
        return null;
    }

    /** Why the group is resyncing (a full sync, or a BGSAVE feeding one), or null. */
    String resyncing() {
        for (Endpoint e : service.instances()) {
            RedisProbe p = probe(e).orElse(null);
            if (p == null || p.info() == null) {
                continue;
            }
            if (p.info().masterSyncInProgress()) {
                return e + " is in a full sync from its master (master_sync_in_progress:1)";
            }
            if (p.isMaster() && p.info().rdbBgsaveInProgress()
                    && p.info().replicas().stream().anyMatch(r -> !r.online())) {
                return "master " + e + " is producing an RDB (rdb_bgsave_in_progress:1) for a replica that is not online yet";
            }
        }
        return null;
    }

    /** The sentinel instances of the group's sentinel service. */
    List<Instance> sentinelInstances() {
        List<Instance> out = new ArrayList<>();
        if (sentinels != null) {
            for (Endpoint e : sentinels.instances()) {
                out.add(new Instance(sentinels.name(), e));
            }
        }
        return out;
    }
}
