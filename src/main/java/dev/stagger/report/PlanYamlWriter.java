package dev.stagger.report;

import dev.stagger.plan.PlanResult;
import dev.stagger.report.StepsYaml.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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
            writeChecked(result, inventoryRef, YamlOutput.of(out), TWO_CORES_FROM, STEPS_PER_PART);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As {@link #write(PlanResult, String, Appendable)}, in UTF-8, without a Writer's encoding pass. */
    public static void write(PlanResult result, String inventoryRef, OutputStream out) throws IOException {
        writeChecked(result, inventoryRef, YamlOutput.of(out), TWO_CORES_FROM, STEPS_PER_PART);
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

    /**
     * As {@link #write}, on two cores from {@code twoCoresFrom} steps on, in parts of {@code perPart}
     * steps (tests compare both ways). On one core each step is appended to one reused buffer, handed
     * to the output every {@link #CHUNK} chars; on two, the parts are formatted on both threads and
     * handed over in order, their wave headers placed then.
     */
    static <T> void writeChecked(PlanResult r, String inventoryRef, YamlOutput<T> output, int twoCoresFrom,
                                 int perPart) throws IOException {
        StringBuilder sb = new StringBuilder(CHUNK + 4096);
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
                if (sb.length() >= CHUNK) {
                    output.take(sb);
                }
            }
            output.take(sb);
            return;
        }
        output.take(sb);
        int parts = (n + perPart - 1) / perPart;
        int[] header = {0};
        // One buffer per thread formatting at a time, not one per part.
        Queue<StringBuilder> buffers = new ConcurrentLinkedQueue<>();
        InOrderParts.write(parts, k -> {
            StringBuilder buffer = buffers.poll();
            if (buffer == null) {
                buffer = new StringBuilder(CHUNK * 4);
            }
            Run<T> run = steps.run(k * perPart, Math.min(n, (k + 1) * perPart), output, buffer);
            buffers.offer(buffer);
            return run;
        }, run -> {
            // The headers left open in the run: written where no header of the same or a later wave came before.
            output.write(run.pieces().get(0));
            for (int h = 0; h < run.headerWave().length; h++) {
                int wave = run.headerWave()[h];
                if (wave > header[0]) {
                    header[0] = wave;
                    steps.appendHeader(wave, sb);
                    output.take(sb);
                }
                output.write(run.pieces().get(h + 1));
            }
        }, "stagger-write");
    }
}
