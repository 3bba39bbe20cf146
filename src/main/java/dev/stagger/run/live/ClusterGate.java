package dev.stagger.run.live;

import dev.stagger.live.cluster.ClusterStatus;
import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.cluster.NodeConnector;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.Service;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live gate for Redis Cluster services, which the per-group rules do not cover: before a step
 * touches a cluster, every slot must be served and every node and replica link up (a step adds a
 * failure to a cluster that may have none to spare), a takedown must not hit a live shard master
 * (fail it over first), and a failover's target must be a linked replica of that shard.
 */
final class ClusterGate {
    private final Inventory inventory;
    private final Duration timeout;

    ClusterGate(Inventory inventory, Duration timeout) {
        this.inventory = inventory;
        this.timeout = timeout;
    }

    List<Diagnostic> check(Step step, Set<Instance> downNow) {
        List<Diagnostic> out = new ArrayList<>();
        for (Service s : inventory.services().values()) {
            if (!(s instanceof RedisClusterService c)) {
                continue;
            }
            boolean failover = step.action() instanceof StepAction.Failover f && f.service().equals(c.name());
            Set<Endpoint> takenDown = takenDown(step, c);
            if (!failover && takenDown.isEmpty()) {
                continue;
            }
            ClusterStatus status;
            try {
                status = ClusterStatus.probe(inventory, c, NodeConnector.of(c.auth(), timeout));
            } catch (RuntimeException e) {
                out.add(error(step, "unreachable", c.name(), "no node of " + c.name() + " answered CLUSTER NODES: "
                        + e.getMessage(), "check that the cluster runs and that the inventory's addresses are right"));
                continue;
            }
            if (!status.healthy() && downNow.stream().noneMatch(i -> i.service().equals(c.name()))) {
                out.add(error(step, "cluster-majority", c.name(), c.name() + " is not fully healthy: "
                        + String.join("; ", status.problems()), "wait until every slot is served and every link is up "
                        + "(run waits up to --wait-safe)"));
            }
            if (failover) {
                failoverTarget(step, (StepAction.Failover) step.action(), c, status).ifPresent(out::add);
            }
            for (Endpoint e : takenDown) {
                if (status.liveMasterOf(e).filter(e::equals).isPresent()) {
                    out.add(error(step, "master-down", c.name() + "@" + e, "this step takes down " + c.name() + "@" + e
                                    + ", a live master of " + c.name() + " (CLUSTER NODES), and no failover has moved its slots away",
                            "add `failover: " + c.name() + "` with `shard: " + e + "` before this step"));
                }
            }
        }
        return out;
    }

    private Optional<Diagnostic> failoverTarget(Step step, StepAction.Failover f, RedisClusterService c, ClusterStatus status) {
        Endpoint shard = f.shard();
        Optional<Endpoint> master = status.liveMasterOf(shard);
        if (master.isEmpty() || !master.get().equals(shard)) {
            // Already moved (a resumed run) or gone: the failover itself verifies or refuses it.
            return Optional.empty();
        }
        String address = status.addresses().live(shard);
        Optional<ClusterView.Shard> live = status.view().shards().stream()
                .filter(s -> s.master().address().equals(address)).findFirst();
        List<ClusterView.Replica> linked = live.map(ClusterView.Shard::replicas).orElse(List.of()).stream()
                .filter(ClusterView.Replica::linkUp)
                .filter(r -> f.to() == null || r.node().address().equals(status.addresses().live(f.to())))
                .toList();
        if (linked.isEmpty()) {
            return Optional.of(error(step, f.to() == null ? "no-failover-target" : "replica-sync", c.name(),
                    (f.to() == null ? "no replica of " + shard : f.to() + ", the failover target,") + " is linked to "
                            + shard + " with no sync in progress", "wait for the replica to catch up (run waits up to --wait-safe)"));
        }
        return Optional.empty();
    }

    private Set<Endpoint> takenDown(Step step, RedisClusterService c) {
        Set<Endpoint> out = new TreeSet<>();
        if (step.action() instanceof StepAction.Start || step.action() instanceof StepAction.Failover) {
            return out;
        }
        for (Target t : step.targets()) {
            for (Instance i : inventory.instancesOf(t)) {
                if (i.service().equals(c.name())) {
                    out.add(i.endpoint());
                }
            }
        }
        return out;
    }

    private static Diagnostic error(Step step, String rule, String subject, String message, String fix) {
        return new Diagnostic(step.position(), Severity.ERROR, rule, List.of(step.id()), subject, message, fix);
    }
}
