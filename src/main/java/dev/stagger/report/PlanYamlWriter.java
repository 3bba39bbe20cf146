package dev.stagger.report;

import dev.stagger.model.Durations;
import dev.stagger.model.Hooks;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import dev.stagger.plan.PlanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The planned plan as YAML in {@code order: graph}, byte-identical for the same input: every step
 * with its targets, hooks and note; every edge and failover the planner added carries a comment
 * saying why.
 */
public final class PlanYamlWriter {
    private PlanYamlWriter() {
    }

    public static String render(PlanResult result, String inventoryRef) {
        StringBuilder sb = new StringBuilder();
        write(result, inventoryRef, sb);
        return sb.toString();
    }

    /**
     * The {@code inventory:} value for a plan written to {@code output} (or, when null, printed for a
     * plan that lives next to {@code planFile}): the inventory's path relative to that directory.
     */
    public static String inventoryRef(String inventoryFile, Path output, String planFile) {
        Path inventory = Path.of(inventoryFile).toAbsolutePath().normalize();
        Path base = (output != null ? output : Path.of(planFile)).toAbsolutePath().normalize().getParent();
        Path rel = base == null ? inventory : base.relativize(inventory);
        return rel.toString().replace('\\', '/');
    }

    public static void write(PlanResult result, String inventoryRef, Appendable out) {
        try {
            writeChecked(result, inventoryRef, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeChecked(PlanResult r, String inventoryRef, Appendable out) throws IOException {
        out.append("# Planned by stagger from ").append(Yaml.comment(r.plan().file())).append(": ")
                .append(r.summary()).append(".\n");
        out.append("# Every edge and failover stagger added says why in a comment.\n");
        for (String why : r.aboveBound()) {
            out.append("# above the bound: ").append(Yaml.comment(why)).append('\n');
        }
        out.append("plan: ").append(Yaml.block(r.plan().name())).append('\n');
        if (inventoryRef != null) {
            out.append("inventory: ").append(Yaml.block(inventoryRef)).append('\n');
        }
        out.append("order: graph\n");
        out.append("steps:");
        if (r.plan().steps().isEmpty()) {
            out.append(" []");
        }
        out.append('\n');
        int header = 0;
        for (Step s : r.plan().steps()) {
            Integer wave = r.waveOf().get(s.id());
            if (wave != null && wave > header && wave <= r.waveList().size()) {
                header = wave;
                out.append("  # ").append(Yaml.comment(r.waveList().get(wave - 1).describe())).append('\n');
            }
            String inserted = r.inserted().get(s.id());
            if (inserted != null) {
                out.append("  # added: ").append(Yaml.comment(inserted)).append('\n');
            }
            out.append("  - id: ").append(Yaml.block(s.id())).append('\n');
            action(s, out);
            if (!s.after().isEmpty()) {
                after(r, s, out);
            }
            hooks(s.hooks(), out);
            if (s.minReady() != null) {
                out.append("    min_ready: ").append(Durations.format(s.minReady())).append('\n');
            }
            if (s.readyTimeout() != null) {
                out.append("    ready_timeout: ").append(Durations.format(s.readyTimeout())).append('\n');
            }
            if (s.hookTimeout() != null) {
                out.append("    hook_timeout: ").append(Durations.format(s.hookTimeout())).append('\n');
            }
            if (s.note() != null) {
                out.append("    note: ").append(Yaml.block(s.note())).append('\n');
            }
        }
    }

    /**
     * The written edges first, then the added ones grouped by reason: a reason shared by several
     * edges is said once, on a comment line above them, instead of on every line.
     */
    private static void after(PlanResult r, Step s, Appendable out) throws IOException {
        out.append("    after:\n");
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        for (String a : s.after()) {
            String why = r.reasonFor(a, s.id());
            if (why == null) {
                out.append("      - ").append(Yaml.block(a)).append('\n');
            } else {
                byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(a);
            }
        }
        for (Map.Entry<String, List<String>> e : byReason.entrySet()) {
            List<String> from = e.getValue();
            if (from.size() == 1) {
                out.append("      - ").append(Yaml.block(from.get(0))).append("  # added: ")
                        .append(Yaml.comment(e.getKey())).append('\n');
                continue;
            }
            out.append("      # added, the ").append(String.valueOf(from.size())).append(" below: ")
                    .append(Yaml.comment(e.getKey())).append('\n');
            for (String a : from) {
                out.append("      - ").append(Yaml.block(a)).append('\n');
            }
        }
    }

    private static void action(Step s, Appendable out) throws IOException {
        out.append("    ").append(s.action().keyword()).append(": ");
        if (s.action() instanceof StepAction.Failover f) {
            out.append(Yaml.block(f.service())).append('\n');
            if (f.to() != null) {
                out.append("    to: ").append(Yaml.block(f.to().toString())).append('\n');
            }
            if (f.shard() != null) {
                out.append("    shard: ").append(Yaml.block(f.shard().toString())).append('\n');
            }
            return;
        }
        out.append('[');
        List<Target> targets = s.targets();
        for (int i = 0; i < targets.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(Yaml.flow(targets.get(i).toString()));
        }
        out.append("]\n");
    }

    private static void hooks(Hooks h, Appendable out) throws IOException {
        command("down", h.down(), out);
        command("do", h.doCommand(), out);
        command("up", h.up(), out);
    }

    private static void command(String key, List<String> argv, Appendable out) throws IOException {
        if (argv.isEmpty()) {
            return;
        }
        out.append("    ").append(key).append(": [");
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(Yaml.quoted(argv.get(i)));
        }
        out.append("]\n");
    }
}
