package dev.stagger.live;

import dev.stagger.live.redis.RedisInfo;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.redis.Addresses;
import dev.stagger.model.AppService;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Position;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live rules: over the whole cluster ({@code status}, {@code --live}) and as the gate before
 * one step of {@code run}. Pure: reads an inventory and a snapshot, does no I/O.
 */
public final class LiveChecker {
    private static final List<String> RULES = List.of("drift", "unreachable", "auth", "replica-sync", "persistence",
            "memory-headroom", "split-brain", "sentinel-voters", "resync", "cluster-majority", "failover-quorum",
            "target-writes", "full-resync", "fork-time");

    private LiveChecker() {
    }

    /** The live rule ids, in the order reports list them. The step gate also reports master-down, min-healthy and no-failover-target. */
    public static List<String> ruleIds() {
        return RULES;
    }

    /**
     * Whole-cluster health: errors for what is broken now (unreachable, out of sync, split-brain,
     * sentinel voters), warnings for what would block a step (persistence, memory, resync) and drift.
     * Instances on hosts the inventory declares down are expected not to answer.
     */
    public static List<Diagnostic> checkCluster(Inventory inventory, LiveSnapshot snapshot) {
        Findings f = new Findings(Position.of(inventory.file()), List.of());
        Addresses addresses = new Addresses(inventory);
        Set<Instance> declaredDown = inventory.initiallyDown();
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisService r) {
                GroupState g = new GroupState(inventory, r, snapshot, addresses);
                GroupRules.unreachable(g, declaredDown, f, "");
                GroupRules.splitBrain(g, f);
                GroupRules.replicaSync(g, replicasUp(g, declaredDown), f, "");
                GroupRules.resync(g, Severity.WARNING, f);
                for (Endpoint e : r.instances()) {
                    GroupRules.persistence(g, e, Severity.WARNING, ": stopping it now would be refused", f);
                    boolean candidate = g.probe(e).map(RedisProbe::isReplica).orElse(false);
                    if (candidate) {
                        GroupRules.memoryHeadroom(g, e, inventory.policy().memoryHeadroomPercent(), Severity.WARNING,
                                "; a failover to it would be refused", f);
                    }
                }
                GroupRules.sentinelVoters(g, f);
                GroupRules.sentinelsLeft(g, Set.of(), "now", f);
            } else if (s instanceof RedisClusterService c) {
                clusterNow(inventory, ClusterSnapshot.of(inventory, c, snapshot), snapshot, declaredDown, f);
            } else if (s instanceof SentinelService || s instanceof AppService) {
                instancesUnreachable(s, snapshot, declaredDown, f, "");
            }
        }
        List<Diagnostic> out = f.list();
        out.addAll(LiveOverlay.drift(inventory, snapshot));
        return out;
    }

    /**
     * The gate before one step, as if it started now (SPEC run, step 1).
     *
     * @param downNow instances already down because of the plan (steps in progress, stopped earlier),
     *                beyond hosts the inventory declares down
     */
    public static List<Diagnostic> checkBeforeStep(Inventory inventory, LiveSnapshot snapshot, Step step,
                                                   Set<Instance> downNow) {
        Findings f = new Findings(step.position(), List.of(step.id()));
        Addresses addresses = new Addresses(inventory);
        Set<Instance> down = new TreeSet<>(downNow);
        down.addAll(inventory.initiallyDown());
        if (step.action() instanceof StepAction.Failover fo) {
            Service s = inventory.service(fo.service()).orElse(null);
            if (s instanceof RedisService r) {
                failoverGate(inventory, new GroupState(inventory, r, snapshot, addresses), fo, down, f);
            } else if (s instanceof RedisClusterService c) {
                clusterFailoverGate(inventory, ClusterSnapshot.of(inventory, c, snapshot), snapshot, fo, down, f);
            }
            return f.list();
        }
        Set<Instance> takenDown = new TreeSet<>();
        if (!(step.action() instanceof StepAction.Start)) {
            for (Target t : step.targets()) {
                takenDown.addAll(inventory.instancesOf(t));
            }
        }
        Set<Instance> started = new TreeSet<>();
        if (step.action() instanceof StepAction.Start) {
            for (Target t : step.targets()) {
                started.addAll(inventory.instancesOf(t));
            }
        }
        Set<Instance> affected = new TreeSet<>(takenDown);
        affected.addAll(started);
        Set<Instance> downAfter = new TreeSet<>(down);
        downAfter.addAll(takenDown);
        downAfter.removeAll(started);
        for (Service s : inventory.services().values()) {
            if (s instanceof RedisService r) {
                GroupState g = new GroupState(inventory, r, snapshot, addresses);
                if (touches(g, affected)) {
                    takedownGate(inventory, g, takenDown, down, downAfter, f);
                }
            } else if (s instanceof RedisClusterService c && touchesService(c, affected)) {
                clusterTakedownGate(inventory, ClusterSnapshot.of(inventory, c, snapshot), snapshot, takenDown, down,
                        downAfter, f);
            } else if (s instanceof AppService a && touchesService(a, takenDown)) {
                appGate(a, snapshot, down, takenDown, f);
            }
        }
        return f.list();
    }

    /**
     * The replica a failover would promote: {@code to} if given, else the in-sync, reachable replica
     * outside {@code downNow} with the least lag. Empty when there is none.
     */
    public static Optional<Endpoint> failoverTarget(Inventory inventory, LiveSnapshot snapshot,
                                                    StepAction.Failover failover, Set<Instance> downNow) {
        Service s = inventory.service(failover.service()).orElse(null);
        if (s instanceof RedisClusterService c) {
            Set<Instance> down = new TreeSet<>(downNow);
            down.addAll(inventory.initiallyDown());
            return ClusterRules.failoverTarget(ClusterSnapshot.of(inventory, c, snapshot), snapshot, failover, down,
                    inventory.policy().maxLagBytes());
        }
        if (!(s instanceof RedisService r)) {
            return Optional.empty();
        }
        if (failover.to() != null) {
            return Optional.of(failover.to());
        }
        GroupState g = new GroupState(inventory, r, snapshot, new Addresses(inventory));
        Set<Instance> down = new TreeSet<>(downNow);
        down.addAll(inventory.initiallyDown());
        return r.instances().stream()
                .filter(e -> !down.contains(g.instance(e)))
                .filter(e -> g.probe(e).map(RedisProbe::isReplica).orElse(false))
                .filter(e -> g.outOfSync(e) == null)
                .min(Comparator.comparingLong((Endpoint e) -> g.lag(e).orElse(Long.MAX_VALUE)).thenComparing(e -> e));
    }

    /**
     * For a Redis Cluster shard's failover: the shard's live master when it has already moved off
     * {@code shard:}, so the failover has nothing to do (as the real failover decides); else empty.
     */
    public static Optional<Endpoint> shardMovedTo(Inventory inventory, LiveSnapshot snapshot, StepAction.Failover f) {
        if (f.shard() == null || !(inventory.service(f.service()).orElse(null) instanceof RedisClusterService c)) {
            return Optional.empty();
        }
        return ClusterSnapshot.of(inventory, c, snapshot).liveMasterOf(f.shard()).filter(m -> !m.equals(f.shard()));
    }

    private static void failoverGate(Inventory inventory, GroupState g, StepAction.Failover fo, Set<Instance> down,
                                     Findings f) {
        String name = g.service.name();
        GroupRules.splitBrain(g, f);
        GroupRules.unreachable(g, down, f, "");
        GroupRules.resync(g, Severity.ERROR, f);
        GroupRules.sentinelVoters(g, f);
        GroupRules.sentinelsLeft(g, down, "for this failover", f);
        Optional<Endpoint> master = g.master();
        Optional<Endpoint> target = failoverTarget(inventory, g.snapshot, fo, down);
        if (target.isEmpty()) {
            f.error("no-failover-target", name, "no replica of " + name + " is reachable and in sync outside the hosts down now"
                            + NoTargetReasons.of(g, down),
                    "wait for a replica to catch up (run waits up to --wait-safe) or bring one back");
            return;
        }
        Endpoint t = target.get();
        if (master.isPresent() && master.get().equals(t)) {
            return; // already the master: the failover is done (e.g. a resumed run); nothing to gate
        }
        Instance ti = g.instance(t);
        if (down.contains(ti)) {
            f.error("unreachable", ti.toString(), "failover target " + ti + " is down at this point of the plan",
                    "fail over to a replica on a host that is up (`to:`), or order this failover before that host's step");
            return;
        }
        RedisProbe p = g.probe(t).orElse(null);
        if (p == null || !p.healthy()) {
            return; // GroupRules.unreachable reported it
        }
        if (!p.isReplica()) {
            f.error("replica-sync", ti.toString(), "failover target " + ti + " is not a replica (ROLE says "
                    + p.roleLabel() + ")", "name a replica of " + name + " in `to:`");
            return;
        }
        GroupRules.replicaSync(g, List.of(t), f, ", so promoting it would lose acknowledged writes");
        RedisInfo masterInfo = master.flatMap(g::probe).map(RedisProbe::info).orElse(null);
        if (!TargetWrites.maxmemoryBelowData(p.info(), masterInfo)) {
            // Otherwise target-writes says it, with what the promotion would do (OOM or evictions).
            GroupRules.memoryHeadroom(g, t, inventory.policy().memoryHeadroomPercent(), Severity.ERROR,
                    "; as the new master it could run out of memory", f);
        }
        TargetWrites.targetTakesWrites(g, t, down, inventory.policy().memoryHeadroomPercent(), f);
        GroupRules.fullResync(g, t, down, inventory.policy().memoryHeadroomPercent(), f);
    }

    private static void clusterNow(Inventory inventory, ClusterSnapshot c, LiveSnapshot snapshot,
                                   Set<Instance> declaredDown, Findings f) {
        ClusterRules.unreachable(c, snapshot, declaredDown, f);
        ClusterRules.splitBrain(c, f);
        List<Endpoint> replicas = c.service().instances().stream()
                .filter(e -> !declaredDown.contains(new Instance(c.service().name(), e))).toList();
        ClusterRules.replicaSync(c, replicas, inventory.policy().maxLagBytes(), "", f);
        ClusterRules.majority(c, snapshot, declaredDown, "now", f);
        ClusterRules.forkTime(c, snapshot, f);
        for (Endpoint e : c.service().instances()) {
            Instance i = new Instance(c.service().name(), e);
            RedisProbe p = snapshot.redis(i).orElse(null);
            GroupRules.persistence(i, p, Severity.WARNING, ": stopping it now would be refused", f);
            if (ClusterRules.replicaView(c, e).isPresent()) {
                GroupRules.memoryHeadroom(i, p, inventory.policy().memoryHeadroomPercent(), Severity.WARNING,
                        "; a failover to it would be refused", f);
            }
        }
    }

    /** A shard failover (CLUSTER FAILOVER on the target): the target in sync, and a majority of masters to vote. */
    private static void clusterFailoverGate(Inventory inventory, ClusterSnapshot c, LiveSnapshot snapshot,
                                            StepAction.Failover fo, Set<Instance> down, Findings f) {
        String name = c.service().name();
        ClusterRules.unreachable(c, snapshot, down, f);
        ClusterRules.splitBrain(c, f);
        if (inventory.policy().clusterQuiet()) {
            ClusterRules.quiet(c, snapshot, f);
        }
        if (!c.hasView()) {
            return;
        }
        Endpoint member = fo.shard() != null ? fo.shard() : fo.to();
        Optional<ClusterView.Shard> shard = member == null ? Optional.empty() : c.shardOf(member);
        if (shard.isEmpty()) {
            f.error("no-failover-target", name, "the live cluster " + name + " has no shard holding " + member
                            + " (CLUSTER NODES from " + c.view().observer() + ")",
                    "name the shard by its current master in `shard:` (see `stagger status`)");
            return;
        }
        ClusterRules.majority(c, snapshot, down, "for this failover", f);
        Optional<Endpoint> master = c.endpoint(shard.get().master());
        Optional<Endpoint> target = ClusterRules.failoverTarget(c, snapshot,
                new StepAction.Failover(fo.service(), fo.to(), master.orElse(member)), down, inventory.policy().maxLagBytes());
        if (target.isEmpty()) {
            f.error("no-failover-target", name, "no replica of the " + name + " shard with slots " + shard.get().slotsText()
                            + " is reachable, linked and in sync outside the hosts down now"
                            + NoTargetReasons.of(c, snapshot, shard.get(), down, inventory.policy().maxLagBytes()),
                    "wait for a replica to catch up (run waits up to --wait-safe) or bring one back");
            return;
        }
        Endpoint t = target.get();
        if (master.isPresent() && master.get().equals(t)) {
            return; // already the master: the failover is done (e.g. a resumed run); nothing to gate
        }
        Instance ti = new Instance(name, t);
        if (down.contains(ti)) {
            f.error("unreachable", ti.toString(), "failover target " + ti + " is down at this point of the plan",
                    "fail over to a replica on a host that is up (`to:`), or order this failover before that host's step");
            return;
        }
        Optional<ClusterView.Replica> replica = ClusterRules.replicaView(c, t)
                .filter(r -> r.node().masterId() != null && r.node().masterId().equals(shard.get().master().id()));
        if (replica.isEmpty()) {
            f.error("replica-sync", ti.toString(), "failover target " + ti + " is not a replica of "
                            + c.name(shard.get().master()) + ", the live master of that shard (CLUSTER NODES)",
                    "name a replica of that shard in `to:` (see `stagger status`)");
            return;
        }
        ClusterRules.replicaSync(c, List.of(t), inventory.policy().maxLagBytes(),
                ", so promoting it would lose acknowledged writes", f);
        GroupRules.memoryHeadroom(ti, snapshot.redis(ti).orElse(null), inventory.policy().memoryHeadroomPercent(),
                Severity.ERROR, "; as the new master it could run out of memory", f);
    }

    private static void clusterTakedownGate(Inventory inventory, ClusterSnapshot c, LiveSnapshot snapshot,
                                            Set<Instance> takenDown, Set<Instance> down, Set<Instance> downAfter,
                                            Findings f) {
        ClusterRules.unreachable(c, snapshot, union(down, takenDown), f);
        ClusterRules.splitBrain(c, f);
        if (inventory.policy().clusterQuiet()) {
            ClusterRules.quiet(c, snapshot, f);
        }
        ClusterRules.masterDown(c, takenDown, f);
        ClusterRules.majority(c, snapshot, downAfter, "after this step", f);
        for (Instance i : takenDown) {
            if (i.service().equals(c.service().name())) {
                GroupRules.persistence(i, snapshot.redis(i).orElse(null), Severity.ERROR, "", f);
            }
        }
        if (!c.hasView()) {
            return;
        }
        // The members that stay up in a shard losing one must be in sync: they hold the only copy left.
        List<Endpoint> staying = new ArrayList<>();
        for (ClusterView.Shard s : c.view().slotShards()) {
            List<Endpoint> members = new ArrayList<>();
            c.endpoint(s.master()).ifPresent(members::add);
            s.replicas().forEach(r -> c.endpoint(r.node()).ifPresent(members::add));
            boolean touched = members.stream().anyMatch(e -> takenDown.contains(new Instance(c.service().name(), e)));
            if (touched) {
                members.stream().filter(e -> !downAfter.contains(new Instance(c.service().name(), e))).forEach(staying::add);
            }
        }
        ClusterRules.replicaSync(c, staying, inventory.policy().maxLagBytes(),
                "; it must be in sync before anything else in its shard goes down", f);
    }

    private static void takedownGate(Inventory inventory, GroupState g, Set<Instance> takenDown, Set<Instance> down,
                                     Set<Instance> downAfter, Findings f) {
        String name = g.service.name();
        GroupRules.splitBrain(g, f);
        // What this step takes down may already be broken: that is often why it is maintained.
        GroupRules.unreachable(g, union(down, takenDown), f, "");
        GroupRules.resync(g, Severity.ERROR, f);
        GroupRules.sentinelVoters(g, f);
        GroupRules.sentinelsLeft(g, downAfter, "after this step", f);
        Optional<Endpoint> master = g.master();
        if (master.isPresent() && takenDown.contains(g.instance(master.get()))) {
            f.error("master-down", g.instance(master.get()).toString(), "this step takes down " + g.instance(master.get())
                            + ", the live master of " + name + " (ROLE), and no failover has moved it away",
                    "add `failover: " + name + "` before this step, to a replica on a host that stays up");
        }
        List<Endpoint> staying = new ArrayList<>();
        for (Endpoint e : g.service.instances()) {
            Instance i = g.instance(e);
            if (takenDown.contains(i)) {
                GroupRules.persistence(g, e, Severity.ERROR, "", f);
            } else if (!down.contains(i) && g.probe(e).map(RedisProbe::isReplica).orElse(false)) {
                staying.add(e);
            }
        }
        GroupRules.replicaSync(g, staying, f, "; it must be in sync before anything else in " + name + " goes down");
    }

    private static void appGate(AppService a, LiveSnapshot snapshot, Set<Instance> down, Set<Instance> takenDown,
                                Findings f) {
        instancesUnreachable(a, snapshot, union(down, takenDown), f, "");
        int healthyLeft = 0;
        for (Endpoint e : a.instances()) {
            Instance i = new Instance(a.name(), e);
            if (!down.contains(i) && !takenDown.contains(i) && snapshot.healthy(i)) {
                healthyLeft++;
            }
        }
        int need = a.minHealthy().required(a.instances().size());
        if (healthyLeft < need) {
            f.error("min-healthy", a.name(), "after this step only " + healthyLeft + " of " + a.instances().size() + " "
                            + a.name() + " instances would be healthy (min_healthy " + a.minHealthy() + ")",
                    "wait until the other " + a.name() + " instances are healthy (run waits up to --wait-safe)");
        }
    }

    private static void instancesUnreachable(Service s, LiveSnapshot snapshot, Set<Instance> expectedDown, Findings f,
                                             String why) {
        for (Endpoint e : s.instances()) {
            Instance i = new Instance(s.name(), e);
            if (expectedDown.contains(i) || !snapshot.wasProbed(i) || snapshot.healthy(i)) {
                continue;
            }
            f.error("unreachable", i.toString(), i + " is not healthy: " + snapshot.reason(i) + why,
                    "bring " + i + " back (or mark host " + e.host() + " `state: down` if it is down on purpose), then re-run");
        }
    }

    private static List<Endpoint> replicasUp(GroupState g, Set<Instance> declaredDown) {
        return g.service.instances().stream().filter(e -> !declaredDown.contains(g.instance(e))).toList();
    }

    /** The step touches a group if it takes down or starts one of its instances or one of its sentinels. */
    private static boolean touches(GroupState g, Set<Instance> affected) {
        for (Instance i : affected) {
            if (i.service().equals(g.service.name())) {
                return true;
            }
            if (g.sentinels != null && i.service().equals(g.sentinels.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean touchesService(Service s, Set<Instance> instances) {
        return instances.stream().anyMatch(i -> i.service().equals(s.name()));
    }

    private static Set<Instance> union(Set<Instance> a, Set<Instance> b) {
        Set<Instance> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
