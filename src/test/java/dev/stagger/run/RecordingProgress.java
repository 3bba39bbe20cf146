package dev.stagger.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Keeps every progress line; optionally acts on operator instructions (playing the operator). */
final class RecordingProgress implements ProgressListener {
    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> operator;

    RecordingProgress() {
        this(s -> { });
    }

    RecordingProgress(Consumer<String> operator) {
        this.operator = operator;
    }

    public synchronized void stepStarted(StepLabel step, String summary) {
        lines.add(step + ": " + summary);
    }

    public synchronized void waiting(StepLabel step, String what, Duration elapsed, Duration remaining) {
        lines.add(step + ": waiting for " + what);
    }

    public void instruct(StepLabel step, String instruction) {
        synchronized (this) {
            lines.add(step + ": OPERATOR: " + instruction);
        }
        operator.accept(instruction);
    }

    public synchronized void note(StepLabel step, String message) {
        lines.add(step + ": " + message);
    }

    public synchronized void stepDone(StepLabel step, Duration took) {
        lines.add(step + ": done");
    }

    public synchronized void hookOutput(StepLabel step, String source, CharSequence text) {
        for (String line : text.toString().split("\n")) {
            lines.add("  [" + step.id() + " " + source + "] " + line);
        }
    }

    public synchronized void run(String message) {
        lines.add(message);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
