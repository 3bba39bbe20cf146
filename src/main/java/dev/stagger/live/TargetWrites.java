package dev.stagger.live;

import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The target-writes rule: a failover target must be able to take writes once it is master. */
final class TargetWrites {
    private TargetWrites() {
    }

    /**
     * target-writes: a failover target whose write-governing settings would make it refuse (or drop)
     * writes once promoted. ROLE then says master and the failover "succeeds" while the service is down.
     */
    static void targetTakesWrites(GroupState g, Endpoint target, Set<Instance> down, int headroomPercent, Findings f) {
        RedisProbe p = g.probe(target).orElse(null);
        if (p == null || p.info() == null) {
            return;
        }
        enoughReplicas(g, target, p.info(), down, f);
        memoryForTheData(g, target, p.info(), headroomPercent, f);
    }

    /**
     * {@code min-replicas-to-write N}: as master the target refuses every write (NOREPLICAS) unless N
     * replicas ack within {@code min-replicas-max-lag} seconds. Counted: the group's other instances
     * that answer and are not down (the old master included, which becomes a replica at the target's
     * offset), except replicas whose link is down, whose lag already exceeds max-lag, or which need a
     * full resync (not online, so not counted, until it ends). Redis ignores the setting when
     * max-lag is 0.
     */
    private static void enoughReplicas(GroupState g, Endpoint target, RedisInfo t, Set<Instance> down, Findings f) {
        int need = t.minReplicasToWrite();
        int maxLag = t.minReplicasMaxLag();
        if (need <= 0 || maxLag == 0) {
            return;
        }
        List<String> followers = new ArrayList<>();
        List<String> late = new ArrayList<>();
        for (Endpoint e : g.service.instances()) {
            Instance i = g.instance(e);
            RedisProbe p = e.equals(target) || down.contains(i) ? null : g.probe(e).orElse(null);
            if (p == null || !p.healthy()) {
                continue;
            }
            String why = p.isMaster() ? null : notInTime(g, e, p.info(), t, maxLag);
            if (why == null) {
                followers.add(e.toString());
            } else {
                late.add(e + " (" + why + ")");
            }
        }
        if (followers.size() >= need) {
            return;
        }
        String lag = maxLag > 0 ? " within its min-replicas-max-lag of " + maxLag + " s" : "";
        f.error("target-writes", g.instance(target).toString(), "failover target " + g.instance(target)
                        + " has min-replicas-to-write " + need + " but only " + followers.size() + " replica"
                        + (followers.size() == 1 ? "" : "s") + " would follow it"
                        + (followers.isEmpty() ? "" : " (" + String.join(", ", followers) + ")") + lag
                        + (late.isEmpty() ? "" : "; not counted: " + String.join(", ", late))
                        + ": as master it would refuse every write (NOREPLICAS)",
                "lower it first (CONFIG SET min-replicas-to-write " + followers.size() + " on " + target
                        + "), fail over to another replica, "
                        + (late.isEmpty() ? "" : "bring the replicas not counted back in sync, ")
                        + "or keep more replicas up during this failover");
    }

    /** Why a replica would not count as a good replica of the new master in time, or null if it would. */
    private static String notInTime(GroupState g, Endpoint e, RedisInfo info, RedisInfo target, int maxLag) {
        if (info == null) {
            return null;
        }
        if (!info.linkUp()) {
            return "master_link_status:" + info.masterLinkStatus();
        }
        if (target.replBacklogActive() && target.replBacklogFirstByteOffset() >= 0
                && info.replOffset() < target.replBacklogFirstByteOffset()) {
            return "it would need a full resync first";
        }
        long lag = lagSeconds(g, e);
        if (maxLag > 0 && lag > maxLag) {
            return "lag " + lag + " s, above min-replicas-max-lag " + maxLag;
        }
        return null;
    }

    /** A replica's ack lag in seconds as its master lists it ({@code slaveN:...,lag=}), or -1 when not listed. */
    private static long lagSeconds(GroupState g, Endpoint replica) {
        String address = g.addresses.of(replica);
        return g.master().flatMap(g::probe).map(RedisProbe::info).stream()
                .flatMap(i -> i.replicas().stream())
                .filter(r -> address.equals(r.ip() + ":" + r.port()))
                .mapToLong(RedisInfo.ReplicaLink::lagSeconds).findFirst().orElse(-1);
    }

    /**
     * {@code maxmemory} below the data: a replica ignores its maxmemory (replica-ignore-maxmemory), so it
     * holds the master's data; promoted, it is over its limit at once and, with noeviction, refuses
     * writes with OOM, or else evicts the difference. Only when its limit is also below the master's
     * own (a cache whose master evicts at the same limit is not changed by the switch).
     */
    private static void memoryForTheData(GroupState g, Endpoint target, RedisInfo t, int headroomPercent, Findings f) {
        RedisInfo m = g.master().filter(e -> !e.equals(target)).flatMap(g::probe).map(RedisProbe::info).orElse(null);
        if (!maxmemoryBelowData(t, m)) {
            return;
        }
        String policy = t.maxmemoryPolicy() == null ? "unknown" : t.maxmemoryPolicy();
        String effect = "noeviction".equals(policy)
                ? "as master it would refuse writes with OOM (maxmemory-policy noeviction)"
                : "as master it would at once evict about " + (m.usedMemory() - t.maxmemory())
                        + " bytes of the data (maxmemory-policy " + policy + ")";
        long enough = m.maxmemory() > 0 ? m.maxmemory() : m.usedMemory() * 100 / Math.max(1, headroomPercent);
        f.error("target-writes", g.instance(target).toString(), "failover target " + g.instance(target) + " has maxmemory "
                        + t.maxmemory() + ", below the " + m.usedMemory() + " bytes the master uses (used_memory"
                        + (m.maxmemory() > 0 ? ", its maxmemory " + m.maxmemory() : "") + "): " + effect,
                "raise it first (CONFIG SET maxmemory " + enough + " on " + target + ", and in its config file),"
                        + " or fail over to another replica");
    }

    /** The target's maxmemory is set and below both the master's data and the master's own limit. */
    static boolean maxmemoryBelowData(RedisInfo target, RedisInfo master) {
        return target != null && master != null && target.maxmemory() > 0 && target.maxmemory() < master.usedMemory()
                && (master.maxmemory() == 0 || target.maxmemory() < master.maxmemory());
    }
}
