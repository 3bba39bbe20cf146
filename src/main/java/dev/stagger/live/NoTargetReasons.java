package dev.stagger.live;

import dev.stagger.live.cluster.ClusterView;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tail of a {@code no-failover-target} message: why each replica cannot be promoted at that
 * point of the plan, so the operator knows which replica to repair or which host to bring back.
 */
final class NoTargetReasons {
    private NoTargetReasons() {
    }

    /** Why no instance of a Sentinel (or plain) group other than its master can be promoted. */
    static String of(GroupState g, Set<Instance> down) {
        Optional<Endpoint> master = g.master();
        List<String> why = new ArrayList<>();
        for (Endpoint e : g.service.instances()) {
            if (master.isPresent() && master.get().equals(e)) {
                continue;
            }
            RedisProbe p = g.probe(e).orElse(null);
            String reason;
            if (down.contains(g.instance(e))) {
                reason = "down at this point of the plan";
            } else if (p == null || !p.healthy()) {
                reason = "not answering";
            } else if (!p.isReplica()) {
                reason = "not a replica (ROLE says " + p.roleLabel() + ")";
            } else {
                reason = Optional.ofNullable(g.outOfSync(e)).map(r -> "not in sync: " + r).orElse("not a candidate");
            }
            why.add(e + " " + reason);
        }
        return why.isEmpty() ? "" : ": " + String.join("; ", why);
    }

    /** The same for a Redis Cluster shard: why each of its replicas cannot be promoted. */
    static String of(ClusterSnapshot c, LiveSnapshot snapshot, ClusterView.Shard shard, Set<Instance> down,
                     long maxLag) {
        if (shard.replicas().isEmpty()) {
            return ": the shard has no replica";
        }
        List<String> why = new ArrayList<>();
        for (ClusterView.Replica r : shard.replicas()) {
            String reason = ClusterRules.whyDown(c, snapshot, r.node(), down);
            if (reason != null) {
                reason = "down".equals(reason) ? "down at this point of the plan" : reason;
            } else if (r.replication() == null) {
                reason = "its replication is unknown (INFO did not answer)";
            } else if (!r.replication().linkUp()) {
                reason = "not in sync: master_link_status:down";
            } else if (r.replication().syncInProgress()) {
                reason = "not in sync: a full sync is in progress (master_sync_in_progress:1)";
            } else if (r.lag() < 0 || r.lag() > maxLag) {
                reason = "not in sync: " + (r.lag() < 0 ? "its lag is unknown" : r.lag() + " bytes of offset behind (max_lag " + maxLag + ")");
            } else {
                reason = "not a candidate";
            }
            why.add(c.name(r.node()) + " " + reason);
        }
        return ": " + String.join("; ", why);
    }
}
