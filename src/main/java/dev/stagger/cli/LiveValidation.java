package dev.stagger.cli;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveOverlay;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.live.PlanGates;
import dev.stagger.live.ReplicaSyncScope;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.StaggerException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * {@code validate --live}: the static rules over the inventory as the cluster really is (masters
 * from ROLE, silent hosts down), plus the live rules and drift. Kept out of {@link ValidateCommand}
 * so a plain {@code validate} never loads the probe code or the Redis client.
 */
final class LiveValidation {
    private LiveValidation() {
    }

    /**
     * With {@code allowFullResync}, a {@code full-resync} finding stays in the report as a warning,
     * as {@code run --allow-full-resync} reports it without waiting on it.
     */
    static List<Diagnostic> check(Inventory inventory, StepGraph graph, boolean allowFullResync) {
        LiveSnapshot snapshot = new LiveProber().probe(inventory);
        List<Diagnostic> out = new ArrayList<>(Checker.check(LiveOverlay.apply(inventory, snapshot), graph));
        List<Diagnostic> clusterWide = LiveChecker.checkCluster(inventory, snapshot);
        out.addAll(ReplicaSyncScope.apply(clusterWide, whatRunWouldHaltOn(inventory, snapshot, graph, clusterWide)));
        if (allowFullResync) {
            out.replaceAll(d -> d.isError() && d.rule().equals("full-resync") ? d.asWarning() : d);
        }
        return out;
    }

    /**
     * The live-state findings the run's gate would block on, step by step as a run would meet them
     * ({@link PlanGates}): a BGSAVE, a resync or no memory headroom is a warning for the cluster as a
     * whole but an error for a plan that stops or fails over that group, and an out-of-sync replica is
     * an error only where a step needs it, so the pre-flight agrees with the run. The ordering rules
     * (master-down and the like) are the static checker's, on the live topology. A finding already in
     * {@code clusterWide} as an error is not repeated.
     */
    static List<Diagnostic> whatRunWouldHaltOn(Inventory inventory, LiveSnapshot snapshot, StepGraph graph,
                                               List<Diagnostic> clusterWide) {
        Set<String> seen = new HashSet<>();
        for (Diagnostic d : clusterWide) {
            if (d.isError() && !d.rule().equals("replica-sync")) {
                seen.add(d.rule() + "|" + d.message());
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : PlanGates.check(inventory, snapshot, graph.steps())) {
            if (d.isError() && LIVE_STATE_RULES.contains(d.rule()) && !seen.contains(d.rule() + "|" + d.message())) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * The gate's rules about the cluster's state now, as opposed to the plan's order. A failover with
     * no target is one: the replicas that could be promoted are out of sync or down.
     */
    private static final Set<String> LIVE_STATE_RULES = Set.of("persistence", "resync",
            "memory-headroom", "replica-sync", "unreachable", "auth", "split-brain", "sentinel-voters", "target-writes",
            "full-resync", "no-failover-target");

    /**
     * {@code plan --live}: the inventory as the cluster really is, with every live finding printed.
     * Planning on an unknown master would be planning blind, so split-brain stops it.
     */
    static Inventory liveInventory(Inventory inventory, PrintWriter err) {
        LiveSnapshot snapshot = new LiveProber().probe(inventory);
        List<Diagnostic> findings = LiveChecker.checkCluster(inventory, snapshot);
        for (Diagnostic d : findings) {
            err.println(d.position() + ": " + d.severity().label() + ": [" + d.rule() + "] " + d.message());
            if (d.fix() != null) {
                err.println("  fix: " + d.fix());
            }
        }
        err.flush();
        List<String> blind = findings.stream()
                .filter(d -> d.isError() && d.rule().equals("split-brain"))
                .map(Diagnostic::message).toList();
        if (!blind.isEmpty()) {
            throw new StaggerException(ExitCode.UNSAFE,
                    "not planning: the live cluster has no single master (" + String.join("; ", blind)
                            + "); resolve the split brain, then plan again");
        }
        // validate --live exits 1 on these; plan --live must not write a plan for the same cluster.
        long errors = findings.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            // A replica out of sync stops a run only at a step that needs it; which steps do is known
            // only once the plan is made, so the planner cannot take it as a mere warning.
            boolean replicas = findings.stream().anyMatch(d -> d.isError() && d.rule().equals("replica-sync"));
            throw new StaggerException(ExitCode.UNSAFE, "not planning: the live cluster has " + errors
                    + (errors == 1 ? " problem" : " problems") + " (above) that validate --live and run "
                    + (replicas ? "may" : "would") + " stop on;"
                    + " fix them, or plan without --live from the inventory as declared"
                    + (replicas ? " and check the plan with validate --live, which says whether a replica out of sync"
                            + " is one a step needs (an error) or not (a warning)" : ""));
        }
        return LiveOverlay.apply(inventory, snapshot);
    }

    /**
     * Before a fresh {@code run}: the static rules over the whole plan, with the masters where ROLE
     * says they are. Host states stay as declared: a host that is down only for the moment (a
     * sentinel restarting) is for the step gates to wait on, not a reason to refuse the plan. This
     * refuses a plan that is unsafe as a whole before anything is touched.
     */
    static List<Diagnostic> preflight(Inventory inventory, StepGraph graph) {
        Inventory live = LiveOverlay.apply(inventory, new LiveProber().probe(inventory));
        Inventory liveMasters = new Inventory(inventory.cluster(), inventory.file(), inventory.defaults(),
                inventory.policy(), new LinkedHashMap<>(inventory.hosts()), new LinkedHashMap<>(live.services()));
        return Checker.check(liveMasters, graph);
    }

    static List<String> ruleIds() {
        List<String> ids = new ArrayList<>(Checker.ruleIds());
        for (String id : LiveChecker.ruleIds()) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }
}
