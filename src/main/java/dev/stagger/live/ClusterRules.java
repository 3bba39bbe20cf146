package dev.stagger.live;

import dev.stagger.live.redis.RedisInfo;
import dev.stagger.live.cluster.ClusterNode;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.cluster.SlotRange;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live rules over one Redis Cluster: unreachable nodes, split-brain per shard, replica sync,
 * and the live {@code cluster-majority} (a failover needs a majority of the slot-owning masters
 * to vote; a shard with no instance up, or slots without a master, stops serving).
 */
final class ClusterRules {
    private ClusterRules() {
    }

    /** unreachable: a node that should be up does not answer (or is loading), or the cluster flags it failed. */
    static void unreachable(ClusterSnapshot c, LiveSnapshot snapshot, Set<Instance> expectedDown, Findings f) {
        String name = c.service().name();
        for (Endpoint e : c.service().instances()) {
            Instance i = new Instance(name, e);
            if (expectedDown.contains(i)) {
                continue;
            }
            RedisProbe p = snapshot.redis(i).orElse(null);
            if (p != null && !p.healthy()) {
                f.error(p.failureRule(), i.toString(), i + " (" + p.address() + ") " + p.reason() + flagsOf(c, e),
                        p.failureFix(e.host()));
            } else if (p != null && c.node(e).map(n -> n.isFailed() || n.isSuspectedFailed()).orElse(false)) {
                f.error("unreachable", i.toString(), i + " answers, but the cluster flags it " + flagsOf(c, e).strip()
                                + ": the other nodes cannot reach it over the cluster bus",
                        "check the cluster bus port (" + (e.port() + 10000) + " by default) between " + e.host()
                                + " and the other nodes, then re-run");
            }
        }
        if (!c.hasView()) {
            f.error("unreachable", name, c.reason(),
                    "start the nodes of " + name + " and check their addresses and credentials in the inventory");
        }
    }

    /**
     * split-brain: two nodes each claim (in their own CLUSTER NODES) the same slots as master, or the
     * nodes disagree whether one node is a master: writes to either side may be lost.
     */
    /**
     * {@code policy.cluster_quiet}: a node of the cluster forking (BGSAVE, AOF rewrite) or in a full sync
     * stalls it, and a step or failover in any shard then adds load or a failover to a cluster that
     * may already be timing nodes out (redis#2896): nothing starts until every node is quiet.
     */
    static void quiet(ClusterSnapshot c, LiveSnapshot snapshot, Findings f) {
        for (Endpoint e : c.service().instances()) {
            Instance i = new Instance(c.service().name(), e);
            RedisProbe p = snapshot.redis(i).orElse(null);
            if (p == null || p.info() == null) {
                continue;
            }
            String busy = p.info().masterSyncInProgress() ? "is in a full sync from its master (master_sync_in_progress:1)"
                    : p.info().rdbBgsaveInProgress() ? "is forking for an RDB (rdb_bgsave_in_progress:1)"
                    : p.info().aofRewriteInProgress() ? "is forking for an AOF rewrite (aof_rewrite_in_progress:1)" : null;
            if (busy != null) {
                f.error("resync", i.toString(), "the Redis Cluster " + c.service().name() + " is not quiet: " + i + " " + busy
                                + "; no step starts in any shard until every node is done (policy.cluster_quiet)",
                        "wait for it to finish (run waits up to --wait-safe), or set `cluster_quiet: false` in the policy"
                                + " if the cluster's node timeout is well above its fork times");
                return;
            }
        }
    }

    /**
     * fork-time: a node whose last fork ({@code latest_fork_usec}) blocked it longer than its
     * {@code cluster-node-timeout} can miss the pings of a whole timeout during the next BGSAVE, AOF
     * rewrite or full sync: the others flag it failed and fail it over by surprise (seed 001). A
     * warning: the fork is past; unknown (CONFIG refused) is said, not guessed.
     */
    static void forkTime(ClusterSnapshot c, LiveSnapshot snapshot, Findings f) {
        List<String> unknown = new ArrayList<>();
        for (Endpoint e : c.service().instances()) {
            Instance i = new Instance(c.service().name(), e);
            RedisInfo info = snapshot.redis(i).filter(RedisProbe::healthy).map(RedisProbe::info).orElse(null);
            if (info == null || info.latestForkUsec() <= 0) {
                continue;
            }
            if (info.clusterNodeTimeout() < 0) {
                unknown.add(i.toString());
                continue;
            }
            if (info.latestForkUsec() > info.clusterNodeTimeout() * 1000) {
                f.warning("fork-time", i.toString(), i + "'s last fork blocked it for " + millis(info.latestForkUsec())
                                + " (latest_fork_usec " + info.latestForkUsec() + "), longer than its cluster-node-timeout of "
                                + info.clusterNodeTimeout() + " ms: during the next fork (BGSAVE, AOF rewrite, full sync) the"
                                + " other nodes can flag it failed and fail it over by surprise",
                        "raise cluster-node-timeout above the fork time on every node (CONFIG SET cluster-node-timeout "
                                + suggestedTimeout(info.latestForkUsec()) + ", and in the config files), or make forks"
                                + " shorter (less memory per node, no huge pages)");
            }
        }
        if (!unknown.isEmpty()) {
            f.warning("fork-time", c.service().name(), "the cluster-node-timeout of " + String.join(", ", unknown)
                            + " is unknown (CONFIG GET refused), so whether their fork times exceed it was not checked",
                    "allow CONFIG GET for stagger's user, or compare latest_fork_usec (INFO stats) with cluster-node-timeout by hand");
        }
    }

    private static String millis(long usec) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", usec / 1000.0);
    }

    /** Twice the fork, rounded up to a whole second: a margin for the next, larger fork. */
    static long suggestedTimeout(long forkUsec) {
        long ms = forkUsec * 2 / 1000;
        return Math.max(1000, (ms + 999) / 1000 * 1000);
    }

    static void splitBrain(ClusterSnapshot c, Findings f) {
        String name = c.service().name();
        List<Map.Entry<Endpoint, ClusterNode>> claims = new ArrayList<>();
        for (var e : c.selfViews().entrySet()) {
            e.getValue().nodes().stream().filter(ClusterNode::isMyself).filter(ClusterNode::isMaster)
                    .filter(n -> !n.slots().isEmpty()).findFirst().ifPresent(n -> claims.add(Map.entry(e.getKey(), n)));
        }
        for (int a = 0; a < claims.size(); a++) {
            for (int b = a + 1; b < claims.size(); b++) {
                List<SlotRange> both = overlap(claims.get(a).getValue().slots(), claims.get(b).getValue().slots());
                if (!both.isEmpty()) {
                    f.error("split-brain", name, name + ": " + claims.get(a).getKey() + " and " + claims.get(b).getKey()
                                    + " both claim slots " + SlotRange.describe(both) + " as master (each in its own CLUSTER NODES);"
                                    + " writes to either may be lost",
                            "wait for the cluster to settle (cluster-node-timeout); if it persists, make the stale one a replica"
                                    + " (CLUSTER REPLICATE on it), then re-run");
                }
            }
        }
        if (!c.hasView()) {
            return;
        }
        for (ClusterNode n : c.view().nodes()) {
            Set<String> says = new LinkedHashSet<>();
            List<String> who = new ArrayList<>();
            for (var e : c.selfViews().entrySet()) {
                Optional<ClusterNode> seen = e.getValue().node(n.id());
                if (seen.isEmpty() || seen.get().isFailed() || seen.get().isHandshake() || seen.get().hasNoAddress()) {
                    continue;
                }
                String role = seen.get().isMaster() ? "master" : seen.get().isReplica() ? "replica" : "?";
                says.add(role);
                who.add(e.getKey() + " says " + role);
            }
            if (says.contains("master") && says.contains("replica")) {
                f.error("split-brain", name, name + ": the nodes disagree whether " + c.name(n) + " is a master: "
                                + String.join(", ", who),
                        "wait for the running failover to finish and the cluster to agree (CLUSTER NODES on each node), then re-run");
            }
        }
    }

    /** replica-sync: each replica in {@code replicas} must have its link up, no sync running, and lag within max_lag. */
    static void replicaSync(ClusterSnapshot c, List<Endpoint> replicas, long maxLag, String why, Findings f) {
        for (Endpoint e : replicas) {
            Optional<ClusterView.Replica> r = replicaView(c, e);
            if (r.isEmpty() || r.get().replication() == null) {
                continue; // a master, or silent: the unreachable rule's business
            }
            String reason = null;
            if (!r.get().replication().linkUp()) {
                reason = "master_link_status:down";
            } else if (r.get().replication().syncInProgress()) {
                reason = "a full sync is in progress (master_sync_in_progress:1)";
            } else if (r.get().lag() > maxLag) {
                reason = "it is " + r.get().lag() + " bytes of offset behind its master (max_lag " + maxLag + ")";
            }
            if (reason != null) {
                Instance i = new Instance(c.service().name(), e);
                f.error("replica-sync", i.toString(), i + " is not in sync: " + reason + why,
                        "wait until " + i + " reports master_link_status:up, master_sync_in_progress:0 and catches up "
                                + "(run waits up to --wait-safe), or find out why it fell behind");
            }
        }
    }

    /**
     * cluster-majority: with {@code gone} down, more than half of the slot-owning masters must still
     * be up and unflagged (a failover needs their votes), every shard must keep an instance up, and
     * every slot must have a master.
     */
    static void majority(ClusterSnapshot c, LiveSnapshot snapshot, Set<Instance> gone, String when, Findings f) {
        if (!c.hasView()) {
            return;
        }
        String name = c.service().name();
        ClusterView v = c.view();
        List<ClusterView.Shard> shards = v.slotShards();
        List<String> lost = new ArrayList<>();
        for (ClusterView.Shard s : shards) {
            String why = whyDown(c, snapshot, s.master(), gone);
            if (why != null) {
                lost.add(c.name(s.master()) + " (" + why + ")");
            }
        }
        int up = shards.size() - lost.size();
        if (!shards.isEmpty() && up * 2 <= shards.size()) {
            f.error("cluster-majority", name, when + " only " + up + " of the " + shards.size() + " slot-owning masters of "
                            + name + " would be up; the cluster needs a majority of them to agree on a failure or a"
                            + " failover, and stops serving. Lost: " + String.join(", ", lost),
                    "take down at most " + ((shards.size() - 1) / 2) + " master(s) at a time: move shard masters off the"
                            + " host first (`failover: " + name + "` with `shard:`) or bring the lost masters back");
        }
        for (ClusterView.Shard s : shards) {
            List<String> members = new ArrayList<>();
            boolean anyUp = false;
            for (ClusterNode n : memberNodes(s)) {
                String why = whyDown(c, snapshot, n, gone);
                anyUp |= why == null;
                members.add(c.name(n) + (why == null ? " up" : " " + why));
            }
            if (!anyUp) {
                f.error("cluster-majority", name, when + " the shard of " + name + " with slots " + s.slotsText()
                                + " would have no instance up (" + String.join(", ", members) + "): those slots stop being served",
                        "keep one instance of that shard up: bring one back, or maintain its members in separate steps");
            }
        }
        if (!v.missingSlots().isEmpty() || !v.info().isOk()) {
            String missing = v.missingSlots().isEmpty() ? "" : "; slots without a master: " + SlotRange.describe(v.missingSlots());
            f.error("cluster-majority", name, name + " does not serve every slot now: cluster_state " + v.info().state()
                            + ", " + v.coveredSlots() + "/16384 slots covered" + missing + " (seen from " + v.observer() + ")",
                    "bring the shard masters back, or assign the missing slots (CLUSTER ADDSLOTS), before any maintenance");
        }
    }

    /** master-down: the step takes down a shard's live master (CLUSTER NODES) that no failover moved away. */
    static void masterDown(ClusterSnapshot c, Set<Instance> takenDown, Findings f) {
        if (!c.hasView()) {
            return;
        }
        String name = c.service().name();
        for (ClusterView.Shard s : c.view().slotShards()) {
            Optional<Endpoint> m = c.endpoint(s.master());
            if (m.isPresent() && takenDown.contains(new Instance(name, m.get()))) {
                f.error("master-down", name + " " + m.get(), "this step takes down " + m.get() + ", the live master of the "
                                + name + " shard with slots " + s.slotsText() + " (CLUSTER NODES), and no failover has moved it away",
                        "add `failover: " + name + "` with `shard: " + m.get() + "` (and `to:` a replica on a host that"
                                + " stays up) before this step");
            }
        }
    }

    /** The replica a shard failover would promote: {@code to}, else the in-sync, reachable replica with the least lag. */
    static Optional<Endpoint> failoverTarget(ClusterSnapshot c, LiveSnapshot snapshot, StepAction.Failover fo,
                                             Set<Instance> down, long maxLag) {
        if (fo.to() != null) {
            return Optional.of(fo.to());
        }
        Optional<ClusterView.Shard> shard = fo.shard() == null ? Optional.empty() : c.shardOf(fo.shard());
        if (shard.isEmpty()) {
            return Optional.empty();
        }
        return shard.get().replicas().stream()
                .filter(r -> whyDown(c, snapshot, r.node(), down) == null)
                .filter(r -> r.linkUp() && r.lag() >= 0 && r.lag() <= maxLag)
                .sorted(Comparator.comparingLong(ClusterView.Replica::lag).thenComparing(r -> r.node().address()))
                .map(r -> c.endpoint(r.node()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** The shard's replica entry for an inventory endpoint, when it is a replica in the observer's view. */
    static Optional<ClusterView.Replica> replicaView(ClusterSnapshot c, Endpoint e) {
        Optional<ClusterNode> n = c.node(e);
        if (n.isEmpty() || !c.hasView()) {
            return Optional.empty();
        }
        return c.view().shards().stream().flatMap(s -> s.replicas().stream())
                .filter(r -> r.node().id().equals(n.get().id())).findFirst();
    }

    /** Why a node counts as down (gone, silent, flagged), or null when it is up. */
    static String whyDown(ClusterSnapshot c, LiveSnapshot snapshot, ClusterNode n, Set<Instance> gone) {
        if (n.isFailed()) {
            return "flagged fail";
        }
        if (n.isSuspectedFailed()) {
            return "flagged fail?";
        }
        Optional<Endpoint> e = c.endpoint(n);
        if (e.isEmpty()) {
            return null; // not in the inventory: nothing we take down; drift reports it
        }
        Instance i = new Instance(c.service().name(), e.get());
        if (gone.contains(i)) {
            return "down";
        }
        return snapshot.redis(i).filter(p -> !p.healthy()).map(p -> "not answering").orElse(null);
    }

    private static List<ClusterNode> memberNodes(ClusterView.Shard s) {
        List<ClusterNode> out = new ArrayList<>();
        out.add(s.master());
        s.replicas().forEach(r -> out.add(r.node()));
        return out;
    }

    private static String flagsOf(ClusterSnapshot c, Endpoint e) {
        return c.node(e).map(n -> n.isFailed() ? " (flagged fail)" : n.isSuspectedFailed() ? " (flagged fail?)" : "").orElse("");
    }

    private static List<SlotRange> overlap(List<SlotRange> a, List<SlotRange> b) {
        List<SlotRange> out = new ArrayList<>();
        for (SlotRange x : a) {
            for (SlotRange y : b) {
                int lo = Math.max(x.first(), y.first());
                int hi = Math.min(x.last(), y.last());
                if (lo <= hi) {
                    out.add(new SlotRange(lo, hi));
                }
            }
        }
        return out;
    }
}
