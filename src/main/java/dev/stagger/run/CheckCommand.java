package dev.stagger.run;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short check command, such as an app's {@code write_check}, the way hooks run: the argument
 * list straight to {@link ProcessBuilder} (no shell), in a session of its own (the terminal's Ctrl-C
 * does not reach it), its output read in bounded memory and redacted. Unlike a hook it is a probe:
 * past its timeout its whole process group is ended and the check has failed.
 */
public final class CheckCommand {
    /** How long an ended check has between TERM and KILL: a probe gets no long grace. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);
    private static final int LINES = 3;
    /** The most of its output a message quotes: the end, where the error usually is. */
    private static final int MAX_SHOWN = 300;

    private final Redactor redactor;
    private final Duration timeout;

    /** @param timeout how long the command may run before it is ended and counted as failed */
    public CheckCommand(Redactor redactor, Duration timeout) {
        this.redactor = redactor;
        this.timeout = timeout;
    }

    /**
     * @return empty when the command exited 0; else what happened: {@code exited 1: <last output>},
     *         {@code timed out after 8s}, {@code could not start: ...} (secrets redacted)
     */
    public Optional<String> whyFailed(List<String> argv) {
        Process process;
        try {
            process = new ProcessBuilder(OwnSession.locate().wrap(argv)).redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            return Optional.of("could not start `" + command(argv) + "`: " + redactor.redact(e.getMessage()));
        }
        HookOutput output = new HookOutput(redactor, lines -> { });
        Thread reader = output.readFrom(process, "check-output-" + process.pid());
        boolean exited = waitFor(process, timeout);
        if (!exited) {
            new ProcessGroup(process.pid()).end(GRACE);
        }
        HookOutput.Summary summary = output.finish(reader, OUTPUT_DRAIN);
        String last = summary.tail().isBlank() ? "" : summary.lastLines(LINES).strip().replace("\n    ", " | ");
        if (last.length() > MAX_SHOWN) {
            last = "..." + last.substring(last.length() - MAX_SHOWN);
        }
        if (!exited) {
            return Optional.of("timed out after " + ConsoleProgress.human(timeout) + " (`" + command(argv)
                    + "` was ended)" + (last.isEmpty() ? "" : "; its last output: " + last));
        }
        int exit = process.exitValue();
        if (exit == 0) {
            return Optional.empty();
        }
        return Optional.of("`" + command(argv) + "` exited " + exit + (last.isEmpty() ? " (no output)" : ": " + last));
    }

    private String command(List<String> argv) {
        return redactor.redact(new HookCall("-", Phase.DO, null, argv).commandLine());
    }

    private static boolean waitFor(Process process, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return !process.isAlive();
            }
            try {
                return process.waitFor(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // A probe is short: it is finished rather than left running.
            }
        }
    }
}
