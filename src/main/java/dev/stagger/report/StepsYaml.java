package dev.stagger.report;

import dev.stagger.model.Durations;
import dev.stagger.model.Hooks;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import dev.stagger.plan.PlanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code steps:} entries of a planned plan, any run of them: a step with its wave header (the
 * first step of a wave), the comment of an inserted failover, its action, {@code after} edges (added
 * ones with their reasons), hooks, timings and note. Where the wave headers go is settled up front,
 * so any run of steps can be formatted on its own: the runs of a plan, joined in order, are the
 * text of the whole plan written in one go. Reads the plan only: runs may be formatted on several
 * threads at once.
 */
final class StepsYaml {
    private final PlanResult r;
    private final List<Step> steps;
    private final Map<String, String> inserted;
    /** The wave whose header goes above each step, or 0 when none does. */
    private final int[] headerAbove;

    StepsYaml(PlanResult r) {
        this.r = r;
        this.steps = r.plan().steps();
        this.inserted = r.inserted();
        this.headerAbove = headersAbove(r);
    }

    /**
     * A wave's header goes above its first step, unless a later wave's header is already written: one
     * pass before any step is formatted, so that a run of steps needs nothing from the runs before it.
     */
    private static int[] headersAbove(PlanResult r) {
        List<Step> steps = r.plan().steps();
        Map<String, Integer> waveOf = r.waveOf();
        int waves = r.waveList().size();
        int[] above = new int[steps.size()];
        int header = 0;
        for (int i = 0; i < above.length; i++) {
            Integer wave = waveOf.get(steps.get(i).id());
            if (wave != null && wave > header && wave <= waves) {
                header = wave;
                above[i] = wave;
            }
        }
        return above;
    }

    int size() {
        return steps.size();
    }

    /** Appends step {@code i}, with the header of its wave if it is the wave's first step. */
    void append(int i, StringBuilder sb) {
        Step s = steps.get(i);
        int wave = headerAbove[i];
        if (wave != 0) {
            sb.append("  # ");
            Yaml.appendComment(sb, r.waveList().get(wave - 1).describe());
            sb.append('\n');
        }
        String why = inserted.isEmpty() ? null : inserted.get(s.id());
        if (why != null) {
            sb.append("  # added: ");
            Yaml.appendComment(sb, why);
            sb.append('\n');
        }
        sb.append("  - id: ");
        Yaml.appendBlock(sb, s.id());
        sb.append('\n');
        action(s, sb);
        if (!s.after().isEmpty()) {
            after(s, sb);
        }
        hooks(s.hooks(), sb);
        if (s.minReady() != null) {
            sb.append("    min_ready: ").append(Durations.format(s.minReady())).append('\n');
        }
        if (s.readyTimeout() != null) {
            sb.append("    ready_timeout: ").append(Durations.format(s.readyTimeout())).append('\n');
        }
        if (s.hookTimeout() != null) {
            sb.append("    hook_timeout: ").append(Durations.format(s.hookTimeout())).append('\n');
        }
        if (s.note() != null) {
            sb.append("    note: ");
            Yaml.appendBlock(sb, s.note());
            sb.append('\n');
        }
    }

    /**
     * The written edges first, then the added ones grouped by reason: a reason shared by several
     * edges is said once, on a comment line above them, instead of on every line.
     */
    private void after(Step s, StringBuilder sb) {
        sb.append("    after:\n");
        List<String> after = s.after();
        if (after.size() == 1) {
            // Most planned steps wait for one step: no grouping to do.
            String a = after.get(0);
            String why = r.reasonFor(a, s.id());
            sb.append("      - ");
            Yaml.appendBlock(sb, a);
            if (why != null) {
                sb.append("  # added: ");
                Yaml.appendComment(sb, why);
            }
            sb.append('\n');
            return;
        }
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (String a : after) {
            String why = r.reasonFor(a, s.id());
            if (why == null) {
                sb.append("      - ");
                Yaml.appendBlock(sb, a);
                sb.append('\n');
            } else {
                byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(a);
            }
        }
        for (Map.Entry<String, List<String>> e : byReason.entrySet()) {
            List<String> from = e.getValue();
            if (from.size() == 1) {
                sb.append("      - ");
                Yaml.appendBlock(sb, from.get(0));
                sb.append("  # added: ");
                Yaml.appendComment(sb, e.getKey());
                sb.append('\n');
                continue;
            }
            sb.append("      # added, the ").append(from.size()).append(" below: ");
            Yaml.appendComment(sb, e.getKey());
            sb.append('\n');
            for (String a : from) {
                sb.append("      - ");
                Yaml.appendBlock(sb, a);
                sb.append('\n');
            }
        }
    }

    private static void action(Step s, StringBuilder sb) {
        sb.append("    ").append(s.action().keyword()).append(": ");
        if (s.action() instanceof StepAction.Failover f) {
            Yaml.appendBlock(sb, f.service());
            sb.append('\n');
            if (f.to() != null) {
                sb.append("    to: ");
                Yaml.appendBlock(sb, f.to().toString());
                sb.append('\n');
            }
            if (f.shard() != null) {
                sb.append("    shard: ");
                Yaml.appendBlock(sb, f.shard().toString());
                sb.append('\n');
            }
            return;
        }
        sb.append('[');
        List<Target> targets = s.targets();
        for (int i = 0; i < targets.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Target t = targets.get(i);
            Yaml.appendFlowTarget(sb, t.service(), t.host());
        }
        sb.append("]\n");
    }

    private static void hooks(Hooks h, StringBuilder sb) {
        command("down", h.down(), sb);
        command("do", h.doCommand(), sb);
        command("up", h.up(), sb);
    }

    private static void command(String key, List<String> argv, StringBuilder sb) {
        if (argv.isEmpty()) {
            return;
        }
        sb.append("    ").append(key).append(": [");
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Yaml.quoted(argv.get(i)));
        }
        sb.append("]\n");
    }
}
