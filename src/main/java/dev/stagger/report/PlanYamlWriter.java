package dev.stagger.report;

import dev.stagger.plan.PlanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.file.Path;

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
     * From this many steps on, the steps are formatted on two cores (a 50,000-step plan is about 9 MB
     * of YAML); a smaller plan does not pay for a thread.
     */
    static final int TWO_CORES_FROM = 2_000;

    /** Steps per part on two cores: small enough that both threads stay busy to the end. */
    private static final int STEPS_PER_PART = 1_000;

    private static void writeChecked(PlanResult r, String inventoryRef, Appendable out) throws IOException {
        writeChecked(r, inventoryRef, out, TWO_CORES_FROM, STEPS_PER_PART);
    }

    /**
     * As {@link #write}, on two cores from {@code twoCoresFrom} steps on, in parts of {@code perPart}
     * steps (tests compare both ways). On one core each step is appended to one reused buffer, handed
     * to the output every {@link #CHUNK} chars; on two, the parts are formatted on both threads and
     * handed over in order, their wave headers placed then.
     */
    static void writeChecked(PlanResult r, String inventoryRef, Appendable out, int twoCoresFrom, int perPart)
            throws IOException {
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
        StepsYaml steps = new StepsYaml(r);
        int n = steps.size();
        if (n < twoCoresFrom) {
            int header = 0;
            for (int i = 0; i < n; i++) {
                int wave = steps.wave(i);
                if (wave > header) {
                    header = wave;
                    steps.appendHeader(wave, sb);
                }
                steps.append(i, sb);
                output.take(sb, CHUNK);
            }
            output.take(sb, 0);
            return;
        }
        output.take(sb, 0);
        int parts = (n + perPart - 1) / perPart;
        int[] header = {0};
        InOrderParts.write(parts, k -> steps.run(k * perPart, Math.min(n, (k + 1) * perPart)), run -> {
            // The headers left open in the run: written where no header of the same or a later wave came before.
            int done = 0;
            for (int h = 0; h < run.headerAt().length; h++) {
                int wave = run.headerWave()[h];
                if (wave > header[0]) {
                    header[0] = wave;
                    output.write(run.text(), done, run.headerAt()[h]);
                    done = run.headerAt()[h];
                    steps.appendHeader(wave, sb);
                    output.take(sb, 0);
                }
            }
            output.write(run.text(), done, run.text().length);
        }, "stagger-write");
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

        /** Hands over {@code text[from, to)}. */
        void write(char[] text, int from, int to) throws IOException {
            if (from == to) {
                return;
            }
            if (out instanceof Writer w) {
                w.write(text, from, to - from);
            } else {
                out.append(CharBuffer.wrap(text, from, to - from));
            }
        }
    }
}
