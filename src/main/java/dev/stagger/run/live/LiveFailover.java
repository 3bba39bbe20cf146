package dev.stagger.run.live;

import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.live.RedisProbe;
import dev.stagger.live.SentinelProbe;
import dev.stagger.live.SentinelView;
import dev.stagger.live.cluster.ClusterFailoverException;
import dev.stagger.live.cluster.ClusterFailoverResult;
import dev.stagger.live.cluster.ClusterFailoverSettings;
import dev.stagger.live.cluster.ClusterFailovers;
import dev.stagger.live.cluster.ClusterStatus;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.cluster.NodeConnector;
import dev.stagger.live.cluster.SlotRange;
import dev.stagger.live.failover.FailBack;
import dev.stagger.live.failover.FailoverException;
import dev.stagger.live.failover.FailoverOutcome;
import dev.stagger.live.failover.FailoverSettings;
import dev.stagger.live.failover.Failovers;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.run.FailedBack;
import dev.stagger.run.FailoverAction;
import dev.stagger.run.RunFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A plan's {@code failover} step against the live cluster: the current master read from a fresh
 * probe (ROLE, or CLUSTER NODES), the target from {@code to:} or the best in-sync replica, then
 * {@link Failovers#perform} (Sentinel or {@code FAILOVER TO}) or {@link ClusterFailovers#perform},
 * both of which verify the move. A failover that declined before changing anything is a
 * {@linkplain RunFailure#refused refusal} (exit 1); one that changed the cluster and could not be
 * verified is a failure (exit 3).
 */
final class LiveFailover implements FailoverAction {
    private static final String PHASE = "failover";

    private final Inventory inventory;
    private final LiveProber prober;
    private final FailoverSettings settings;
    private final ClusterFailoverSettings clusterSettings;

    LiveFailover(Inventory inventory, LiveProber prober, FailoverSettings settings, ClusterFailoverSettings clusterSettings) {
        this.inventory = inventory;
        this.prober = prober;
        this.settings = settings;
        this.clusterSettings = clusterSettings;
    }

    @Override
    public Endpoint target(Step step, StepAction.Failover f, Set<Instance> downNow) {
        if (f.to() != null) {
            return f.to();
        }
        Service s = service(step, f);
        if (s instanceof RedisClusterService c) {
            return clusterTarget(step, f, c, downNow);
        }
        return LiveChecker.failoverTarget(inventory, prober.probe(inventory), f, downNow)
                .orElseThrow(() -> RunFailure.refused(step.id(), PHASE, "no replica of " + f.service()
                        + " is reachable and in sync" + outside(downNow) + ", so there is nothing to fail over to", null));
    }

    private static String outside(Set<Instance> downNow) {
        return downNow.isEmpty() ? "" : " outside what other steps have down now (" + downNow.stream().map(Instance::toString)
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    @Override
    public List<String> failover(Step step, StepAction.Failover f, Endpoint target, Consumer<String> progress) {
        Service s = service(step, f);
        if (s instanceof RedisClusterService c) {
            return clusterFailover(step, f, c, target, progress);
        }
        RedisService r = (RedisService) s;
        LiveSnapshot snapshot = prober.probe(inventory);
        List<Endpoint> masters = snapshot.liveMasters(r);
        if (masters.size() != 1) {
            throw RunFailure.refused(step.id(), PHASE, f.service() + " has " + masters.size()
                    + " instances reporting role:master " + masters + "; a planned failover needs exactly one", null);
        }
        Endpoint master = masters.get(0);
        if (master.equals(target)) {
            if (!alreadyDone(step, f, target)) {
                throw new RunFailure(step.id(), PHASE, target + " is master of " + f.service()
                        + " but not every replica follows it or a sentinel disagrees; check `stagger status`");
            }
            progress.accept(target + " is already the master of " + f.service() + " (verified); nothing to do");
            return List.of("none: " + target + " was already the verified master");
        }
        progress.accept("moving the master of " + f.service() + " from " + master + " to " + target);
        FailoverOutcome outcome;
        try {
            outcome = Failovers.perform(inventory, r, master, target, settings, progress);
        } catch (FailoverException e) {
            if (!e.clusterChanged()) {
                throw RunFailure.refused(step.id(), PHASE, e.getMessage(), e);
            }
            if (e.writeRefusal().isPresent()) {
                throw failBack(step, r, master, target, FailBack.refusal(e.writeRefusal().get()), e, progress);
            }
            throw new RunFailure(step.id(), PHASE, e.getMessage(), e);
        }
        outcome.warnings().forEach(w -> progress.accept("warning: " + w));
        progress.accept("failover verified: " + outcome.newMaster() + " is the master of " + f.service() + " ("
                + outcome.method().toString().toLowerCase().replace('_', ' ') + "; no writable master for "
                + outcome.noWritableMaster().toMillis() + " ms, " + outcome.total().toMillis() + " ms in all)");
        List<String> actions = new ArrayList<>(outcome.actions());
        actions.add("verified: " + outcome.newMaster() + " master, " + outcome.oldMaster() + " replicating it; no writable master for "
                + outcome.noWritableMaster().toMillis() + " ms");
        return actions;
    }

    /**
     * The switch happened and the new master refuses writes: back to the old master if it is intact
     * (see {@link FailBack}); the step fails either way, saying what happened and what to do.
     */
    private FailedBack failBack(Step step, RedisService r, Endpoint oldMaster, Endpoint refusing, String refusal,
                                FailoverException cause, Consumer<String> progress) {
        progress.accept("the new master " + refusing + " refuses writes (" + refusal + "); failing back to " + oldMaster);
        FailBack.Result back = new FailBack(inventory, r, oldMaster, refusing, settings, progress).attempt();
        String what = "failover to " + refusing + ": the new master refused writes (" + refusal + ")";
        String message = back.verified()
                ? what + "; failed back to " + oldMaster + " (verified, writes accepted): " + back.state() + ". Fix: "
                        + FailBack.fixFor(refusal, refusing) + "; then resume: the failover starts again through its"
                        + " safety gate (the target-writes rule checks the target first)"
                : what + "; the fail-back to " + oldMaster + " failed, the group may have no writable master: " + back.state()
                        + ". By hand: " + back.manual() + "; then resume (the failover starts again through its safety gate)";
        return new FailedBack(step.id(), PHASE, message, refusing, oldMaster, back.verified(), refusal, back.actions(), cause);
    }

    @Override
    public boolean alreadyDone(Step step, StepAction.Failover f, Endpoint target) {
        Service s = service(step, f);
        if (s instanceof RedisClusterService c) {
            ClusterStatus status = clusterStatus(c);
            return status.healthy() && status.liveMasterOf(target).filter(target::equals).isPresent();
        }
        return verifiedMaster((RedisService) s, target, prober.probe(inventory));
    }

    /**
     * The group looks as a verified failover to {@code target} leaves it: the only master, every other
     * instance that answers replicates it with link up, every sentinel that answers names it.
     */
    private boolean verifiedMaster(RedisService r, Endpoint target, LiveSnapshot snapshot) {
        if (!snapshot.liveMasters(r).equals(List.of(target))) {
            return false;
        }
        for (Endpoint e : r.instances()) {
            Optional<RedisProbe> p = snapshot.redis(new Instance(r.name(), e));
            if (!e.equals(target) && p.isPresent() && p.get().reachable() && !(p.get().isReplica() && p.get().ready())) {
                return false;
            }
        }
        String address = snapshot.redis(new Instance(r.name(), target)).map(RedisProbe::address).orElse(null);
        if (r.sentinel() == null) {
            return true;
        }
        for (SentinelProbe sp : snapshot.sentinels().values()) {
            if (!sp.instance().service().equals(r.sentinel()) || !sp.reachable()) {
                continue;
            }
            SentinelView v = sp.view(r.masterName());
            if (v == null || !String.valueOf(v.masterAddress()).equals(address)) {
                return false;
            }
        }
        return true;
    }

    private List<String> clusterFailover(Step step, StepAction.Failover f, RedisClusterService c, Endpoint target,
                                         Consumer<String> progress) {
        ClusterFailoverResult result;
        try {
            result = ClusterFailovers.perform(inventory, c, f.shard(), target, clusterSettings, progress);
        } catch (ClusterFailoverException e) {
            if (e.nothingChanged()) {
                throw RunFailure.refused(step.id(), PHASE, e.getMessage(), e);
            }
            throw new RunFailure(step.id(), PHASE, e.getMessage(), e);
        }
        String slots = SlotRange.describe(result.slots());
        if (result.alreadyDone()) {
            return List.of("none: " + target + " was already the verified master of slots " + slots);
        }
        return List.of("CLUSTER FAILOVER on " + target + ": slots " + slots + " moved from " + f.shard(),
                "verified: " + target + " master of " + slots + ", " + f.shard() + " replicating it (" + result.took().toMillis() + " ms)");
    }

    /** The shard's linked replica with the least lag; the live master itself when the shard already moved. */
    private Endpoint clusterTarget(Step step, StepAction.Failover f, RedisClusterService c, Set<Instance> downNow) {
        ClusterStatus status = clusterStatus(c);
        Optional<Endpoint> master = status.liveMasterOf(f.shard());
        if (master.isPresent() && !master.get().equals(f.shard())) {
            return master.get();
        }
        String address = status.addresses().live(f.shard());
        return status.view().shards().stream().filter(s -> s.master().address().equals(address))
                .flatMap(s -> s.replicas().stream()).filter(ClusterView.Replica::linkUp)
                .filter(r -> status.addresses().endpoint(r.node().address())
                        .map(e -> !downNow.contains(new Instance(c.name(), e))).orElse(true))
                .min(Comparator.comparingLong(ClusterView.Replica::lag))
                .flatMap(r -> status.addresses().endpoint(r.node().address()))
                .orElseThrow(() -> RunFailure.refused(step.id(), PHASE, "no replica of shard " + f.shard() + " of "
                        + c.name() + " is linked and in sync" + outside(downNow) + ", so there is nothing to fail over to", null));
    }

    private ClusterStatus clusterStatus(RedisClusterService c) {
        return ClusterStatus.probe(inventory, c, NodeConnector.of(c.auth(), clusterSettings.ioTimeout()));
    }

    private Service service(Step step, StepAction.Failover f) {
        Service s = inventory.service(f.service()).orElse(null);
        if (s instanceof RedisService || s instanceof RedisClusterService) {
            return s;
        }
        throw RunFailure.refused(step.id(), PHASE, f.service() + " is not a redis or redis-cluster service of the inventory", null);
    }
}
