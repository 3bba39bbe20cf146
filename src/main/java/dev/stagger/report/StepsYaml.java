package dev.stagger.report;

import dev.stagger.model.Durations;
import dev.stagger.model.Hooks;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import dev.stagger.plan.PlanResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code steps:} entries of a planned plan: a wave's header, and a step with the comment of an
 * inserted failover, its action, {@code after} edges (added ones with their reasons), hooks, timings
 * and note. Where the wave headers go depends on the steps before: the caller places them
 * ({@link #wave}), or a {@link Run} leaves them open. Reads the plan only: runs of steps may be
 * formatted on several threads at once.
 */
final class StepsYaml {
    private final PlanResult r;
    private final List<Step> steps;
    private final Map<String, String> inserted;
    private final Map<String, Integer> waveOf;
    private final List<PlanResult.Wave> waves;

    StepsYaml(PlanResult r) {
        this.r = r;
        this.steps = r.plan().steps();
        this.inserted = r.inserted();
        this.waveOf = r.waveOf();
        this.waves = r.waveList();
    }

    int size() {
        return steps.size();
    }

    /**
     * The wave of step {@code i} whose header may go above it, or 0. A wave's header goes above its
     * first step, unless a later wave's header is already written: above step {@code i} exactly when
     * this is larger than at every step before it.
     */
    int wave(int i) {
        Integer wave = waveOf.get(steps.get(i).id());
        return wave != null && wave <= waves.size() ? Math.max(wave, 0) : 0;
    }

    /** Appends the header of wave {@code wave} (1-based). */
    void appendHeader(int wave, StringBuilder sb) {
        sb.append("  # ");
        Yaml.appendComment(sb, waves.get(wave - 1).describe());
        sb.append('\n');
    }

    /**
     * Steps {@code [from, to)} in {@code out}'s form, in pieces cut where a wave header may go (at a
     * step whose {@link #wave} is larger than at every step before it in the run): whether it goes
     * there depends on the steps before the run, known to the one who joins the runs. {@code sb} is
     * an empty buffer to format in, left empty.
     */
    <T> Run<T> run(int from, int to, YamlOutput<T> out, StringBuilder sb) {
        List<T> pieces = new ArrayList<>(4);
        int[] waves = new int[4];
        int largest = 0;
        for (int i = from; i < to; i++) {
            int w = wave(i);
            if (w > largest) {
                largest = w;
                if (pieces.size() == waves.length) {
                    waves = Arrays.copyOf(waves, waves.length * 2);
                }
                waves[pieces.size()] = w;
                pieces.add(out.piece(sb));
                sb.setLength(0);
            }
            append(i, sb);
        }
        int headers = pieces.size();
        pieces.add(out.piece(sb));
        sb.setLength(0);
        return new Run<>(pieces, Arrays.copyOf(waves, headers));
    }

    /**
     * A run of steps: the header of wave {@code headerWave[k]} goes between {@code pieces[k]} and
     * {@code pieces[k + 1]} unless a header of that wave or a later one is written before (ascending).
     */
    record Run<T>(List<T> pieces, int[] headerWave) {
    }

    /** Appends step {@code i}, without the header of its wave. */
    void append(int i, StringBuilder sb) {
        Step s = steps.get(i);
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
            after(s, sb, SMALL_AFTER);
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
    void after(Step s, StringBuilder sb, int smallAfter) {
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
        String[] why = new String[after.size()];
        for (int i = 0; i < why.length; i++) {
            why[i] = r.reasonFor(after.get(i), s.id());
            if (why[i] == null) {
                sb.append("      - ");
                Yaml.appendBlock(sb, after.get(i));
                sb.append('\n');
            }
        }
        // Each added edge linked to the next one with the same reason, from the first (the group's leader).
        int[] leader = leaders(why, smallAfter);
        int[] next = new int[why.length];
        int[] last = new int[why.length];
        int[] count = new int[why.length];
        for (int j = 0; j < why.length; j++) {
            next[j] = -1;
            int l = leader[j];
            if (l >= 0) {
                if (l != j) {
                    next[last[l]] = j;
                }
                last[l] = j;
                count[l]++;
            }
        }
        for (int i = 0; i < why.length; i++) {
            if (leader[i] != i) {
                continue;
            }
            if (count[i] == 1) {
                sb.append("      - ");
                Yaml.appendBlock(sb, after.get(i));
                sb.append("  # added: ");
                Yaml.appendComment(sb, why[i]);
                sb.append('\n');
                continue;
            }
            sb.append("      # added, the ").append(count[i]).append(" below: ");
            Yaml.appendComment(sb, why[i]);
            sb.append('\n');
            for (int j = i; j >= 0; j = next[j]) {
                sb.append("      - ");
                Yaml.appendBlock(sb, after.get(j));
                sb.append('\n');
            }
        }
    }

    /**
     * Edges beyond this many find the first edge of their reason through a map (a barrier step may
     * wait for thousands); fewer compare reasons pairwise, without a map per step. Tests compare both.
     */
    static final int SMALL_AFTER = 16;

    /** For each edge, the index of the first edge with the same reason; -1 for a written edge (no reason). */
    private static int[] leaders(String[] why, int smallAfter) {
        int[] leader = new int[why.length];
        Map<String, Integer> first = why.length > smallAfter ? new HashMap<>() : null;
        for (int i = 0; i < why.length; i++) {
            if (why[i] == null) {
                leader[i] = -1;
            } else if (first != null) {
                int at = i;
                leader[i] = first.computeIfAbsent(why[i], k -> at);
            } else {
                leader[i] = leaderIndex(why[i], why);
            }
        }
        return leader;
    }

    private static int leaderIndex(String reason, String[] why) {
        for (int i = 0; ; i++) {
            if (reason.equals(why[i])) {
                return i;
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
