package dev.stagger.cli;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveOverlay;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import java.util.ArrayList;
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
