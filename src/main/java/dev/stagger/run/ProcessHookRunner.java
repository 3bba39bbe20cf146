package dev.stagger.run;

import dev.stagger.model.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs hooks as real processes: the argument list goes straight to {@link ProcessBuilder}, no shell,
 * so a host name can never become a command. Each hook runs in a session of its own
 * ({@link OwnSession}), so the terminal's Ctrl-C does not reach it or what it starts; its
 * {@code hook_timeout} or a forced stop ends its whole process group ({@link ProcessGroup}). Output is
 * streamed through {@link HookOutput} in bounded memory.
 */
public final class ProcessHookRunner implements HookRunner {
    /** How long a hook has to exit after TERM before its group gets KILL. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final int FAILURE_LINES = 10;
    private static final Duration CHECK = Duration.ofMillis(50);
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private final Redactor redactor;
    private final Duration poll;
    private final Duration grace;
    private final OwnSession session;
    private final Map<Long, Hook> running = new ConcurrentHashMap<>();
    private final Map<String, Phase> finished = new ConcurrentHashMap<>();
    private volatile String stoppedBecause;

    /** A running hook, and the request to end it (written by {@link #endAll}, read by its runner). */
    private static final class Hook {
        final Running info;
        final CountDownLatch gone = new CountDownLatch(1);
        volatile String endRequest;

        Hook(Running info) {
            this.info = info;
        }
    }

    /** @throws dev.stagger.model.StaggerException when {@code setsid} is missing (see {@link OwnSession#locate}) */
    public ProcessHookRunner(Redactor redactor, Duration poll) {
        this(redactor, poll, DEFAULT_GRACE);
    }

    /** @param grace how long an ended hook has between TERM and KILL (10s; shorter in tests) */
    public ProcessHookRunner(Redactor redactor, Duration poll, Duration grace) {
        this.redactor = redactor;
        this.poll = poll;
        this.grace = grace;
        this.session = OwnSession.locate();
    }

    @Override
    public void run(HookCall call, Listener listener) {
        String stopping = stoppedBecause;
        if (stopping != null) {
            // After a forced stop the process exits soon: a hook started now would be left behind.
            throw new RunFailure(call.step(), call.phase().label(), call.describe() + " was not started: the run "
                    + stopping + " and stops at once");
        }
        Process process;
        try {
            process = new ProcessBuilder(session.wrap(call.command())).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new RunFailure(call.step(), call.phase().label(), call.describe() + " could not start: `"
                    + redactor.redact(call.commandLine()) + "`: " + redactor.redact(e.getMessage()), e);
        }
        Hook hook = new Hook(new Running(call, process.pid(), System.nanoTime()));
        running.put(process.pid(), hook);
        try {
            listener.started(process.pid());
            runStarted(call, process, hook, listener);
            finished.put(key(call.step(), call.target()), call.phase());
        } finally {
            running.remove(process.pid());
            hook.gone.countDown();
        }
    }

    private void runStarted(HookCall call, Process process, Hook hook, Listener listener) {
        HookOutput output = new HookOutput(redactor, listener::output);
        Thread reader = output.readFrom(process, "hook-output-" + process.pid());
        String ended = waitFor(call, process, hook, listener);
        HookOutput.Summary summary = output.finish(reader, OUTPUT_DRAIN);
        listener.outputDone(summary);
        String command = "`" + redactor.redact(call.commandLine()) + "`";
        if (ended != null) {
            throw new RunFailure(call.step(), call.phase().label(), call.describe() + " " + ended + ": " + command
                    + "; its last output:\n    " + summary.lastLines(FAILURE_LINES));
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new RunFailure(call.step(), call.phase().label(), call.describe() + " exited " + exit + ": " + command
                    + "; its last output:\n    " + summary.lastLines(FAILURE_LINES));
        }
    }

    /** @return null when the hook exited by itself, else what ended it (its timeout, a forced stop) */
    private String waitFor(HookCall call, Process process, Hook hook, Listener listener) {
        // Interrupts are ignored on purpose: a hook half-done is worse than a late stop. Stopping
        // early is an explicit request (endAll) or the hook's own timeout.
        long started = hook.info.startedNanos();
        long lastTick = started;
        while (true) {
            try {
                if (process.waitFor(Math.min(CHECK.toMillis(), poll.toMillis()), TimeUnit.MILLISECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                // see above
            }
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - started);
            String why = hook.endRequest;
            if (why == null && elapsed.compareTo(call.timeout()) >= 0) {
                why = "ran past its hook_timeout " + ConsoleProgress.human(call.timeout());
            }
            if (why != null) {
                String how = new ProcessGroup(process.pid()).end(grace);
                listener.ended(why, how);
                try {
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return why + ": ended its process group (TERM, then KILL after " + ConsoleProgress.human(grace) + "): "
                        + (how.equals("TERM") ? "it was gone after TERM" : "it needed KILL");
            }
            if (now - lastTick >= poll.toNanos()) {
                lastTick = now;
                listener.running(elapsed);
            }
        }
    }

    @Override
    public List<Running> running() {
        List<Running> out = new ArrayList<>();
        for (Hook h : running.values()) {
            out.add(h.info);
        }
        out.sort((a, b) -> Long.compare(a.startedNanos(), b.startedNanos()));
        return out;
    }

    @Override
    public List<HookCall> endAll(String why) {
        stoppedBecause = why;
        List<Hook> hooks = new ArrayList<>(running.values());
        for (Hook h : hooks) {
            h.endRequest = why;
        }
        List<HookCall> ended = new ArrayList<>();
        for (Hook h : hooks) {
            try {
                h.gone.await(grace.toMillis() + 15_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.add(h.info.call());
        }
        return ended;
    }

    @Override
    public Optional<Phase> lastFinished(String step, Target target) {
        return Optional.ofNullable(finished.get(key(step, target)));
    }

    private static String key(String step, Target target) {
        return step + "\u0000" + target;
    }
}
