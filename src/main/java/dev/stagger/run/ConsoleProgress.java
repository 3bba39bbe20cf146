package dev.stagger.run;

import dev.stagger.model.TerminalText;
import java.io.PrintWriter;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress on stderr, one line per event. A wait prints when what it waits for changes and then
 * every {@code repeat} (a few seconds), so the person always sees what the run waits for and for
 * how much longer.
 */
public final class ConsoleProgress implements ProgressListener {
    private final PrintWriter err;
    private final Duration repeat;
    private final String prefix;
    private final LongSupplier nanoTime;
    private final Redactor redactor;
    private final Map<String, String> lastWhat = new HashMap<>();
    private final Map<String, Long> lastPrinted = new HashMap<>();
    private static final String NEWLINE = System.lineSeparator();
    private char[] scratch = new char[256];

    /** @param redactor every line passes through it: hook command lines and messages can carry secrets */
    public ConsoleProgress(PrintWriter err, Duration repeat, boolean dryRun, Redactor redactor) {
        this(err, repeat, dryRun, System::nanoTime, redactor);
    }

    ConsoleProgress(PrintWriter err, Duration repeat, boolean dryRun, LongSupplier nanoTime, Redactor redactor) {
        this.redactor = redactor;
        this.err = err;
        this.repeat = repeat;
        this.prefix = dryRun ? "[dry-run] " : "";
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void stepStarted(StepLabel step, String summary) {
        line(step + ": " + summary);
    }

    @Override
    public synchronized void waiting(StepLabel step, String what, Duration elapsed, Duration remaining) {
        long now = nanoTime.getAsLong();
        Long last = lastPrinted.get(step.id());
        boolean changed = !what.equals(lastWhat.get(step.id()));
        if (!changed && last != null && now - last < repeat.toNanos()) {
            return;
        }
        lastWhat.put(step.id(), what);
        lastPrinted.put(step.id(), now);
        line(step + ": waiting for " + what + ": " + human(elapsed) + " elapsed"
                + (remaining == null ? " (no time limit)" : ", " + human(remaining) + " remaining"));
    }

    @Override
    public synchronized void instruct(StepLabel step, String instruction) {
        line(step + ": OPERATOR: " + instruction);
    }

    @Override
    public synchronized void note(StepLabel step, String message) {
        line(step + ": " + message);
    }

    @Override
    public synchronized void stepDone(StepLabel step, Duration took) {
        lastWhat.remove(step.id());
        lastPrinted.remove(step.id());
        line(step + ": done in " + human(took));
    }

    /** {@code   [dc1-drives app1 do] text}, one per line; copied through a reused buffer so that gigabytes of output make no garbage. */
    @Override
    public synchronized void hookOutput(StepLabel step, String source, CharSequence lines) {
        String tag = prefix + "  [" + step.id() + " " + source + "] ";
        int n = lines.length();
        char[] text;
        int base;
        if (lines instanceof CharBuffer cb && cb.hasArray()) {
            text = cb.array();
            base = cb.arrayOffset() + cb.position();
        } else {
            if (scratch.length < n) {
                scratch = new char[Math.max(n, 2 * scratch.length)];
            }
            for (int i = 0; i < n; i++) {
                scratch[i] = lines.charAt(i);
            }
            text = scratch;
            base = 0;
        }
        int start = base;
        for (int i = base; i < base + n; i++) {
            if (text[i] == '\n') {
                err.write(tag);
                err.write(text, start, i - start);
                err.write(NEWLINE);
                start = i + 1;
            }
        }
        err.flush();
    }

    @Override
    public synchronized void run(String message) {
        line(message);
    }

    private void line(String text) {
        // Hook output, notes and peers' replies end up here: never a raw control character on the terminal.
        err.println(prefix + TerminalText.escape(redactor.redact(text)));
        err.flush();
    }

    /** {@code 850ms}, {@code 12s}, {@code 2m05s}, {@code 1h02m}: short, and exact enough to plan by. */
    public static String human(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
