package dev.stagger.run;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Inventory;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.TerminalText;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The whole plan as the run will execute it, for the person to read before confirming; terminal-safe. */
public final class PlanPrinter {
    private PlanPrinter() {
    }

    public static String render(StepGraph graph, Inventory inventory, Set<String> alreadyDone, int maxParallel) {
        StringBuilder sb = new StringBuilder();
        List<Step> steps = graph.steps();
        sb.append("plan ").append(graph.plan().name()).append(" on cluster ").append(inventory.cluster())
                .append(": ").append(steps.size()).append(" steps, order ").append(graph.plan().order().name().toLowerCase())
                .append(", at most ").append(maxParallel).append(" step(s) at once (failovers count; one failover at a time)\n");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append(String.format("%3d. %s: %s", i + 1, s.id(), action(s)));
            if (alreadyDone.contains(s.id())) {
                sb.append("  [done: skipped]");
            }
            sb.append('\n');
            var preds = graph.directPredecessors(s);
            if (!preds.isEmpty()) {
                sb.append("       after ").append(String.join(", ", preds)).append('\n');
            }
            if (s.isMaintenance()) {
                hook(sb, "down", s.hooks().down());
                hook(sb, "do", s.hooks().doCommand());
                hook(sb, "up", s.hooks().up());
                if (s.hooks().isManual()) {
                    sb.append("       done by the operator: stagger says what to stop and start, and watches\n");
                }
                if (!(s.action() instanceof StepAction.Stop)) {
                    sb.append("       ready: min_ready ").append(human(s.minReady(), inventory.defaults().minReady()))
                            .append(", ready_timeout ").append(human(s.readyTimeout(), inventory.defaults().readyTimeout()))
                            .append('\n');
                }
            }
            if (s.note() != null && !s.note().isBlank()) {
                sb.append("       note: ").append(TerminalText.escapeLine(s.note())).append('\n');
            }
        }
        // What the operator approves must be what is shown: a control character in a note or a hook
        // argument could otherwise erase or repaint the lines above it.
        return TerminalText.escape(sb.toString());
    }

    private static String action(Step s) {
        if (s.action() instanceof StepAction.Failover f) {
            return "failover " + f.service() + (f.to() == null ? " to the best replica" : " to " + f.to())
                    + (f.shard() == null ? "" : " (shard of " + f.shard() + ")") + ", verified";
        }
        return s.action().keyword() + " " + StepRunner.describe(s.targets());
    }

    private static void hook(StringBuilder sb, String name, List<String> cmd) {
        if (!cmd.isEmpty()) {
            sb.append("       ").append(name).append(": ").append(new HookCall("", Phase.DO, dev.stagger.model.Target.host("-"), cmd).commandLine()).append('\n');
        }
    }

    private static String human(Duration d, Duration fallback) {
        return ConsoleProgress.human(d != null ? d : fallback);
    }
}
