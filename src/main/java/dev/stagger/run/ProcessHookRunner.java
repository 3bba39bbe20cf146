package dev.stagger.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Runs hooks as real processes: the argument list goes straight to {@link ProcessBuilder}, no shell,
 * so a host name can never become a command. Output is read line by line, redacted, and passed on;
 * the last lines are kept for the failure message.
 */
public final class ProcessHookRunner implements HookRunner {
    private static final int TAIL_LINES = 10;

    private final Redactor redactor;
    private final Duration poll;

    public ProcessHookRunner(Redactor redactor, Duration poll) {
        this.redactor = redactor;
        this.poll = poll;
    }

    @Override
    public void run(HookCall call, Listener listener) {
        ProcessBuilder pb = new ProcessBuilder(call.command()).redirectErrorStream(true);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new RunFailure(call.step(), call.phase().label(), "the " + call.phase().label() + " hook for "
                    + call.target() + " could not start: `" + redactor.redact(call.commandLine()) + "`: "
                    + redactor.redact(e.getMessage()), e);
        }
        long started = System.nanoTime();
        listener.started(process.pid());
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // a hook that does not read stdin may already have closed it
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> readOutput(process, listener, tail), "hook-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        int exit = waitFor(process, listener, started);
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (exit != 0) {
            String last;
            synchronized (tail) {
                last = tail.isEmpty() ? "(no output)" : String.join("\n    ", tail);
            }
            throw new RunFailure(call.step(), call.phase().label(), "the " + call.phase().label() + " hook for "
                    + call.target() + " exited " + exit + ": `" + redactor.redact(call.commandLine())
                    + "`; its last output:\n    " + last);
        }
    }

    private int waitFor(Process process, Listener listener, long started) {
        // Interrupts are ignored on purpose: a hook half-done is worse than a late stop, and
        // cancel() is honoured at the next safe point instead.
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (process.waitFor(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                        return process.exitValue();
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                listener.running(Duration.ofNanos(System.nanoTime() - started));
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readOutput(Process process, Listener listener, Deque<String> tail) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String clean = redactor.redact(line);
                synchronized (tail) {
                    tail.addLast(clean);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                listener.output(clean);
            }
        } catch (IOException e) {
            // The stream closes when the process dies; anything else is reported with the exit code.
            if (process.isAlive()) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
