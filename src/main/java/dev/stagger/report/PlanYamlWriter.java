package dev.stagger.report;

import dev.stagger.model.Durations;
import dev.stagger.model.Hooks;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import dev.stagger.plan.PlanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
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

    /** Text is gathered in a buffer of about this many chars, then handed to the output in one call. */
    private static final int CHUNK = 1 << 16;

    /**
     * Each step is appended to one reused buffer, handed to the output every {@link #CHUNK} chars: a
     * 50,000-step plan made about fifteen appends per step to a synchronized Writer before.
     */
    private static void writeChecked(PlanResult r, String inventoryRef, Appendable out) throws IOException {
        StringBuilder sb = new StringBuilder(CHUNK + 4096);
        Output output = new Output(out);
        sb.append("# Planned by stagger from ");
        Yaml.appendComment(sb, r.plan().file());
        sb.append(": ").append(r.summary()).append(".\n");
        sb.append("# Every edge and failover stagger added says why in a comment.\n");
        for (String why : r.aboveBound()) {
            sb.append("# above the bound: ");
            Yaml.appendComment(sb, why);
            sb.append('\n');
        }
        sb.append("plan: ");
        Yaml.appendBlock(sb, r.plan().name());
        sb.append('\n');
        if (inventoryRef != null) {
            sb.append("inventory: ");
            Yaml.appendBlock(sb, inventoryRef);
            sb.append('\n');
        }
        sb.append("order: graph\n");
        sb.append("steps:");
        if (r.plan().steps().isEmpty()) {
            sb.append(" []");
        }
        sb.append('\n');
        int header = 0;
        Map<String, Integer> waveOf = r.waveOf();
        Map<String, String> inserted = r.inserted();
        int waves = r.waveList().size();
        for (Step s : r.plan().steps()) {
            Integer wave = waveOf.get(s.id());
            if (wave != null && wave > header && wave <= waves) {
                header = wave;
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
                after(r, s, sb);
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
            output.take(sb, CHUNK);
        }
        output.take(sb, 0);
    }

    /**
     * The written edges first, then the added ones grouped by reason: a reason shared by several
     * edges is said once, on a comment line above them, instead of on every line.
     */
    private static void after(PlanResult r, Step s, StringBuilder sb) {
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

    /**
     * The text gathered so far, handed to the output in one call once it is long enough: a Writer gets
     * the chars themselves (Writer.append(CharSequence) would copy them into a String first).
     */
    private static final class Output {
        private final Appendable out;
        private char[] chars;

        Output(Appendable out) {
            this.out = out;
        }

        /** Hands {@code sb} over and empties it, once it holds at least {@code atLeast} chars. */
        void take(StringBuilder sb, int atLeast) throws IOException {
            int n = sb.length();
            if (n == 0 || n < atLeast) {
                return;
            }
            if (out instanceof Writer w) {
                if (chars == null || chars.length < n) {
                    chars = new char[Math.max(n, CHUNK + 4096)];
                }
                sb.getChars(0, n, chars, 0);
                w.write(chars, 0, n);
            } else {
                out.append(sb);
            }
            sb.setLength(0);
        }
    }
}
