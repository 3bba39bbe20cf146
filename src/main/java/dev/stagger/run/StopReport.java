package dev.stagger.run;

import dev.stagger.model.Inventory;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What stagger says when it is asked to stop: the acknowledgement of the first Ctrl-C or SIGTERM
 * (what is running, that it stops after it, how to force), and after a forced stop, the state each
 * target of a step in progress was left in and how to bring it back.
 */
final class StopReport {
    /** A step in progress when the stop was asked for. */
    record InProgress(StepLabel label, Step step) {
    }

    private StopReport() {
    }

    /** {@code Ctrl-C} or {@code SIGTERM}: how the person sent it. */
    static String signalName(String signal) {
        return signal.equals("INT") ? "Ctrl-C" : "SIG" + signal;
    }

    static String acknowledge(String signal, List<InProgress> steps, List<HookRunner.Running> hooks) {
        String name = signalName(signal);
        List<String> lines = new ArrayList<>();
        if (steps.isEmpty()) {
            lines.add("stagger: " + name + ": stopping; no step is in progress, none will start.");
            return String.join("\n", lines);
        }
        lines.add("stagger: " + name + ": stopping after the steps in progress; no new step starts. In progress:");
        for (InProgress s : steps) {
            List<String> running = new ArrayList<>();
            for (HookRunner.Running h : hooks) {
                if (h.call().step().equals(s.step().id())) {
                    running.add(h.call().describe() + " (pid " + h.pid() + ", running " + ConsoleProgress.human(h.elapsed()) + ")");
                }
            }
            lines.add("  " + s.label() + ": " + (running.isEmpty() ? "no hook running (it waits or checks)" : String.join(", ", running)));
        }
        lines.add("A step that took something down still brings it back up and waits for it to be ready (the safe"
                + " point); then stagger exits 130 and prints the command that resumes the run.");
        lines.add("To stop at once, press Ctrl-C again" + (signal.equals("INT") ? "" : " (or send " + name + " again)")
                + ": the running hooks' process groups are ended (TERM, then KILL) and their targets may be left partly down.");
        return String.join("\n", lines);
    }

    /**
     * After a forced stop: one line per target of each step in progress.
     *
     * @param ended         the hooks the forced stop ended
     * @param lastFinished  the phase of the last hook that finished for a step and target
     */
    static List<String> targetStates(List<InProgress> steps, List<HookCall> ended,
                                     BiFunction<String, Target, Optional<Phase>> lastFinished, Inventory inventory,
                                     String resumeCommand) {
        String resume = resumeCommand == null ? "resume the run" : "resume with: " + resumeCommand;
        List<String> out = new ArrayList<>();
        for (InProgress s : steps) {
            Step step = s.step();
            if (step.action() instanceof StepAction.Failover f) {
                out.add(step.id() + ": its failover of " + f.service() + " was left to finish (stopped half-way it would"
                        + " leave replica priorities changed); the journal says how it ended; " + resume);
                continue;
            }
            for (Target t : step.targets()) {
                Optional<HookCall> cut = ended.stream()
                        .filter(c -> c.step().equals(step.id()) && c.target().equals(t)).findFirst();
                Optional<Phase> finished = lastFinished.apply(step.id(), t);
                String state;
                boolean maybeDown = true;
                if (cut.isPresent()) {
                    Phase p = cut.get().phase();
                    state = "its " + p.label() + " hook was ended mid-way: " + t + switch (p) {
                        case DOWN -> " may be partly down";
                        case DO -> " is down and its maintenance is unfinished";
                        default -> " may be partly up";
                    };
                } else if (finished.isPresent()) {
                    Phase p = finished.get();
                    state = "its " + p.label() + " hook had finished: " + t + (p == Phase.UP
                            ? " was starting and not yet confirmed ready" : " is down");
                } else {
                    maybeDown = false;
                    state = "no hook of this step had run on it" + (step.hooks().down().isEmpty()
                            ? " (the step has no down hook: if you stopped it by hand, start it again)" : "; it was not touched");
                }
                String fix = maybeDown ? "; bring it back with " + bringBack(step, t, inventory) + ", then " + resume
                        : "; " + resume;
                out.add(t + " (step " + step.id() + "): " + state + fix);
            }
        }
        return out;
    }

    /** The step's up hook as it would run for this target, or what to start by hand. */
    private static String bringBack(Step step, Target t, Inventory inventory) {
        String byHand = "start " + t + " by hand";
        if (step.hooks().up().isEmpty()) {
            return "its service(s) started by hand (" + byHand + ")";
        }
        try {
            List<String> up = Placeholders.expand(step.hooks().up(), t, inventory);
            return "`" + new HookCall(step.id(), Phase.UP, t, up).commandLine() + "` (or " + byHand + ")";
        } catch (IllegalArgumentException e) {
            return byHand;
        }
    }
}
