package dev.stagger.cli;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveOverlay;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.StaggerException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code validate --live}: the static rules over the inventory as the cluster really is (masters
 * from ROLE, silent hosts down), plus the live rules and drift. Kept out of {@link ValidateCommand}
 * so a plain {@code validate} never loads the probe code or the Redis client.
 */
final class LiveValidation {
    private LiveValidation() {
    }

    static List<Diagnostic> check(Inventory inventory, StepGraph graph) {
        LiveSnapshot snapshot = new LiveProber().probe(inventory);
        List<Diagnostic> out = new ArrayList<>(Checker.check(LiveOverlay.apply(inventory, snapshot), graph));
        out.addAll(LiveChecker.checkCluster(inventory, snapshot));
        return out;
    }

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
