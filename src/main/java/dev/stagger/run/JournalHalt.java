package dev.stagger.run;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a person needs when the journal stops taking writes in the middle of a run: the journal's
 * error, what the run has left down (each target of each step that had begun taking things down,
 * with the step and the phase it stopped in), the command that brings each back, and how to resume
 * once the journal can be written again. Nothing here acts; it only says.
 */
final class JournalHalt {
    private JournalHalt() {
    }

    /**
     * @param inProgress     the steps that were in progress, with the last phase each started (in plan order)
     * @param unrecorded     hooks that ran or are running without their end on record: --resume runs them again
     * @param runStarted     false when not even the run's first line was written: nothing was done
     * @param resumeCommand  the command that resumes this run, or null when unknown
     * @param stepFailure    a step failure that happened too, or null
     */
    static String describe(JournalWriteFailure failure, StepGraph graph, Inventory inventory,
                           Map<String, Phase> inProgress, List<HaltingJournal.HookKey> unrecorded,
                           boolean runStarted, String resumeCommand, RunFailure stepFailure) {
        List<String> down = new ArrayList<>();
        List<String> other = new ArrayList<>();
        inProgress.forEach((id, phase) -> stranded(graph.step(id), phase, inventory, down, other));
        StringBuilder sb = new StringBuilder(failure.getMessage());
        if (!runStarted) {
            sb.append("\n  nothing was done: the run stops before its first step when it cannot record it.");
        } else {
            sb.append("\n  the run stopped at once: no step or phase starts without a record (a running hook was let finish).");
        }
        if (stepFailure != null) {
            sb.append("\n  before that, step ").append(stepFailure.step()).append(" failed: ").append(stepFailure.getMessage());
        }
        if (down.isEmpty()) {
            sb.append("\n  nothing is down").append(runStarted ? " that the run took down." : ".");
        } else {
            sb.append("\n  left down by the run, and how to bring each back:");
            down.forEach(d -> sb.append("\n    ").append(d));
        }
        other.forEach(o -> sb.append("\n  ").append(o));
        sb.append("\n  free space on the journal's file system (or make it writable), then ");
        if (runStarted) {
            sb.append("resume with: ").append(resumeCommand == null ? "stagger run PLAN --resume" : resumeCommand);
            for (HaltingJournal.HookKey h : unrecorded) {
                sb.append("\n    the ").append(h.phase().label()).append(" hook for ").append(h.target())
                        .append(" (step ").append(h.step()).append(") ran without its end on record: --resume runs it again");
            }
        } else {
            sb.append("run the same command again, or pass --journal with a file on another file system");
        }
        return sb.toString();
    }

    private static void stranded(Step step, Phase phase, Inventory inventory, List<String> down, List<String> other) {
        String where = "step " + step.id() + ", in phase " + phase.label();
        if (step.action() instanceof StepAction.Failover f) {
            other.add("step " + step.id() + " was failing " + f.service() + " over (nothing was taken down):"
                    + " --resume checks whether the failover took effect before it goes on");
            return;
        }
        for (Target t : step.targets()) {
            if (step.action() instanceof StepAction.Stop) {
                down.add(t + " (" + where + "): the plan stops it; leave it down");
            } else if (phase == Phase.UP || phase == Phase.READY) {
                down.add(t + " (" + where + "): its up hook may have brought it back; if it is not up, "
                        + bringBack(step, t, inventory));
            } else {
                down.add(t + " (" + where + "): " + bringBack(step, t, inventory));
            }
        }
    }

    /** The step's up hook for this target, as a person would type it; or what to start by hand. */
    static String bringBack(Step step, Target target, Inventory inventory) {
        List<String> up = step.hooks() == null ? List.of() : step.hooks().up();
        if (!up.isEmpty()) {
            try {
                return "bring it back with: " + new HookCall(step.id(), Phase.UP, target,
                        Placeholders.expand(up, target, inventory)).commandLine();
            } catch (IllegalArgumentException e) {
                return "bring it back by hand (its up hook cannot be expanded: " + e.getMessage() + ")";
            }
        }
        List<String> names = inventory.instancesOf(target).stream().map(Instance::service)
                .map(s -> s + "@" + target.host()).distinct().toList();
        return "start " + (names.isEmpty() ? target.toString() : join(names)) + " on " + target.host() + " by hand";
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
