package dev.stagger.run.live;

import dev.stagger.lab.LabCtl;
import dev.stagger.run.FileJournal;
import dev.stagger.run.JournalEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes test plans for a lab: steps whose hooks are {@link LabCtl} command lines (JSON flow lists,
 * which are YAML too, so class paths with colons need no escaping), and reads the journal back.
 */
final class LabPlan {
    private final Path labDir;
    private final List<String> steps = new ArrayList<>();

    LabPlan(Path labDir) {
        this.labDir = labDir;
    }

    /** {@code maintain: [host]} with LabCtl stop/start hooks (or the given ones). */
    LabPlan maintain(String id, String host, String minReady, String readyTimeout) {
        return step(id, "maintain: [" + host + "]", hooks("stop", "start") + timing(minReady, readyTimeout));
    }

    LabPlan maintain(String id, String host, String extra) {
        return step(id, "maintain: [" + host + "]", extra);
    }

    LabPlan failover(String id, String service, String to, String shard) {
        return step(id, "failover: " + service, (to == null ? "" : "    to: " + to + "\n")
                + (shard == null ? "" : "    shard: " + shard + "\n"));
    }

    LabPlan step(String id, String action, String extra) {
        steps.add("  - id: " + id + "\n    " + action + "\n" + extra);
        return this;
    }

    /** down/up hooks that stop and start every process of the step's host. */
    String hooks(String down, String up) {
        return "    down: " + json(LabCtl.command(down, labDir, "{host}")) + "\n"
                + "    up: " + json(LabCtl.command(up, labDir, "{host}")) + "\n";
    }

    static String timing(String minReady, String readyTimeout) {
        return "    min_ready: " + minReady + "\n    ready_timeout: " + readyTimeout + "\n";
    }

    static String json(List<String> args) {
        return args.stream().map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Writes {@code DIR/NAME.yaml} naming the lab's inventory. */
    Path write(Path dir, String name, Path inventory) {
        String yaml = "plan: " + name + "\ninventory: " + inventory.toAbsolutePath() + "\nsteps:\n" + String.join("", steps);
        Path p = dir.resolve(name + ".yaml");
        try {
            Files.writeString(p, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static List<JournalEvent> journal(Path file) {
        return FileJournal.read(file);
    }

    /** Index of the first event matching, or -1. */
    static int indexOf(List<JournalEvent> events, String event, String step, String phase) {
        for (int i = 0; i < events.size(); i++) {
            JournalEvent e = events.get(i);
            if (e.event().equals(event) && (step == null || step.equals(e.step()))
                    && (phase == null || phase.equals(e.detail("phase")))) {
                return i;
            }
        }
        return -1;
    }

    static long count(List<JournalEvent> events, String event) {
        return events.stream().filter(e -> e.event().equals(event)).count();
    }
}
