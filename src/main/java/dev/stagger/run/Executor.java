package dev.stagger.run;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Instance;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a plan's steps in an order its graph allows, at most {@code maxParallel} steps at once
 * (failovers count) and never two failovers at once. One coordinator thread checks gates and starts
 * steps, so no two gate checks race each other; each started step runs on its own thread through
 * {@link StepRunner}. The run ends with:
 * 0 every step done; 1 halted at a gate that stayed blocked for {@code waitSafe} with nothing else in
 * progress (nothing harmed: no step had started); 3 a step failed (the others in progress are
 * finished, no new one starts); 130 cancelled (steps in progress finished, none started), or stopped
 * at once by a second stop request (the running hooks ended, see {@link #stopRequested}). A dry
 * run exits 1 too when any gate it passed through was blocked: a real run would have waited there.
 * A journal that stops taking writes halts everything at its next record (a running hook is let
 * finish): exit 3 saying what is down and how to bring it back and resume, or 2 if not even the
 * first line could be written, when nothing was done.
 */
public final class Executor {
    private final RunDeps deps;
    private final RunSettings settings;
    /** Every event goes through it: once a write fails, nothing more is recorded or started. */
    private final HaltingJournal journal;
    private volatile boolean cancelled;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** The steps running now, for the acknowledgement of a stop request; in start order. */
    private final Map<String, StopReport.InProgress> inProgress = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger stopRequests = new AtomicInteger();
    /** A second stop request is ending the running hooks; the run ends as soon as {@link #forceDone} is counted down. */
    private volatile boolean forcing;
    private final CountDownLatch forceDone = new CountDownLatch(1);
    private volatile String forcedMessage;
    /** The apps that require what the steps touch: verified after each step and at the end of the run. */
    private final AppVerification apps;
    /** Instances that completed {@code stop} steps left down (and {@code start} steps have not brought back). */
    private final Set<Instance> leftDown = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Executor(RunDeps deps, RunSettings settings) {
        this.journal = new HaltingJournal(deps.journal());
        this.deps = new RunDeps(deps.inventory(), deps.gate(), deps.failover(), deps.probe(), deps.hooks(), journal,
                deps.progress());
        this.settings = settings;
        this.apps = new AppVerification(deps.inventory(), deps.probe(), deps.progress(), settings.poll());
    }

    /** Ctrl-C: start no new step; finish the ones that have touched the cluster; then stop. Returns at once. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Ctrl-C ({@code INT}) or {@code TERM}. The first is {@link #cancel()}, acknowledged at once with
     * what is running; the second ends the running hooks' process groups and the run stops without
     * waiting for its steps, saying what state each of their targets was left in. Blocks while the
     * hooks are ended (the caller is a signal's own thread).
     */
    public void stopRequested(String signal) {
        int n = stopRequests.incrementAndGet();
        if (n == 1) {
            cancel();
            deps.progress().run(StopReport.acknowledge(signal, inProgressNow(), deps.hooks().running()));
        } else if (n == 2) {
            forceStop(signal);
        } else {
            deps.progress().run("stagger: already stopping at once: the hooks' process groups are being ended");
        }
    }

    private void forceStop(String signal) {
        String name = StopReport.signalName(signal);
        List<StopReport.InProgress> steps = inProgressNow();
        forcing = true;
        cancel();
        deps.progress().run("stagger: " + name + " again: stopping now; ending the running hooks' process groups (TERM, then KILL)");
        List<HookCall> ended = deps.hooks().endAll("was stopped by a second " + name);
        List<String> states = StopReport.targetStates(steps, ended, deps.hooks()::lastFinished, deps.inventory(),
                settings.resumeCommand());
        forcedMessage = "stopped at once (second " + name + "): " + ended.size() + " running hook(s) ended"
                + (states.isEmpty() ? "" : "; what each target of the steps in progress was left in:\n  " + String.join("\n  ", states));
        forceDone.countDown();
    }

    private List<StopReport.InProgress> inProgressNow() {
        synchronized (inProgress) {
            return List.copyOf(inProgress.values());
        }
    }

    /** Runs one step on its pool thread, known as in progress while it runs. */
    private StepRunner.Result runTracked(StepRunner runner, Step s, StepLabel label, JournalState.StepProgress resumed) {
        inProgress.put(s.id(), new StopReport.InProgress(label, s));
        try {
            return runner.run(s, label, resumed);
        } finally {
            inProgress.remove(s.id());
        }
    }

    /** After a forced stop: what the run says and journals, once the hooks are ended. */
    private RunOutcome forcedStop(List<String> wouldBlock) {
        try {
            forceDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String message = forcedMessage + (settings.resumeCommand() == null ? "" : "\nresume with: " + settings.resumeCommand());
        journal(Events.RUN_CANCELLED, null, "forced", "true", "message", message);
        deps.progress().run(message);
        return new RunOutcome(ExitCode.INTERRUPTED, message, wouldBlock);
    }

    /** Waits for {@link #run} to return. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param state what the journal says was done already ({@link JournalState#fresh()} for a new run);
     *              completed steps are never run again, steps in progress continue where they stopped
     */
    public RunOutcome run(StepGraph graph, JournalState state, String planHash) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stagger-step");
            t.setDaemon(true);
            return t;
        });
        try {
            return coordinate(graph, state, planHash, new ExecutorCompletionService<>(pool));
        } finally {
            pool.shutdown();
            finished.countDown();
        }
    }

    private record Finished(Step step, StepRunner.Result result, long startedNanos) {
    }

    private RunOutcome coordinate(StepGraph graph, JournalState state, String planHash,
                                  CompletionService<Finished> completion) {
        boolean resume = !state.isEmpty();
        List<Step> steps = graph.steps();
        journal(Events.RUN_STARTED, null, "plan", graph.plan().name(), "plan_hash", planHash,
                "cluster", deps.inventory().cluster(), "resume", resume,
                "dry_run", settings.dryRun() ? true : null, "max_parallel", settings.maxParallel());
        Set<String> done = new HashSet<>(state.completed());
        steps.stream().filter(s -> done.contains(s.id())).forEach(this::noteLeftDown);
        if (resume) {
            deps.progress().run("resuming: " + done.size() + " of " + steps.size() + " steps already done"
                    + (state.inProgress().isEmpty() ? "" : ", continuing " + String.join(", ", state.inProgress().keySet())));
        }
        Map<String, Future<Finished>> running = new LinkedHashMap<>();
        Map<String, Long> blockedSince = new HashMap<>();
        Map<String, Long> lastGateCheck = new HashMap<>();
        Map<String, String> lastBlockers = new HashMap<>();
        List<String> wouldBlock = new ArrayList<>();
        Map<StepLabel, GateVerdict> dryRunBlocked = new LinkedHashMap<>();
        StepRunner runner = new StepRunner(deps, settings, () -> cancelled, apps, this::downByOthers);
        RunFailure failure = null;
        String halt = null;
        while (true) {
            failure = collect(completion, running, done, failure, graph);
            if (failure != null || halt != null || cancelled || journal.failed()) {
                if (running.isEmpty() || forcing && !failoverRunning(running, graph)) {
                    break;
                }
                continue;
            }
            if (done.size() == steps.size()) {
                break;
            }
            for (Step s : steps) {
                if (done.contains(s.id()) || running.containsKey(s.id()) || !done.containsAll(graph.directPredecessors(s))) {
                    continue;
                }
                if (!mayStartNow(s, running.keySet(), graph)) {
                    continue;
                }
                JournalState.StepProgress resumed = state.progressOf(s.id());
                StepLabel label = label(graph, s);
                // A step the killed run had already started on is finished, not re-gated: its own
                // takedown would block its gate, and stopping half-way is the unsafe choice.
                if (resumed == null || !resumed.touchedCluster()) {
                    long now = System.nanoTime();
                    Long last = lastGateCheck.get(s.id());
                    if (last != null && now - last < settings.gateInterval().toNanos()) {
                        continue;
                    }
                    lastGateCheck.put(s.id(), now);
                    GateVerdict verdict = deps.gate().check(s, downNow(graph, done, running.keySet()));
                    if (!verdict.isSafe()) {
                        if (settings.dryRun()) {
                            wouldBlock.add(s.id() + ": " + verdict.describe());
                            dryRunBlocked.put(label, verdict);
                            deps.progress().note(label, "a real run would wait here (up to " + ConsoleProgress.human(settings.waitSafe())
                                    + ") for the safety gate: " + verdict.describe());
                        } else {
                            halt = blocked(s, label, verdict, running.isEmpty(), blockedSince, lastBlockers);
                            if (halt != null) {
                                break;
                            }
                            continue;
                        }
                    } else {
                        journal(Events.GATE_PASSED, s.id());
                    }
                }
                if (journal.failed()) {
                    break; // nothing starts that could not be recorded
                }
                blockedSince.remove(s.id());
                long started = System.nanoTime();
                running.put(s.id(), completion.submit(() -> new Finished(s, runTracked(runner, s, label, resumed), started)));
            }
            if (halt != null) {
                continue;
            }
        }
        return dryRunVerdict(finish(graph, state, done, failure, halt, wouldBlock), dryRunBlocked);
    }

    /**
     * {@code --dry-run} says whether a real run would get through now: every gate it found blocked is
     * listed (step, rule, message, fix), and a dry run that went through them exits 1, not 0, because a
     * real run would wait at the first (up to --wait-safe) and halt if it did not clear.
     */
    private RunOutcome dryRunVerdict(RunOutcome outcome, Map<StepLabel, GateVerdict> blocked) {
        if (!settings.dryRun() || blocked.isEmpty()) {
            return outcome;
        }
        deps.progress().run("a real run would wait at " + blocked.size() + " safety gate(s) now, up to "
                + ConsoleProgress.human(settings.waitSafe()) + " (--wait-safe) each, and halt at the first that does not clear:");
        for (Map.Entry<StepLabel, GateVerdict> e : blocked.entrySet()) {
            for (var d : e.getValue().blockers()) {
                deps.progress().run("  " + e.getKey() + ": " + d.rule() + ": " + d.message()
                        + (d.fix() == null ? "" : " (fix: " + d.fix() + ")"));
            }
        }
        if (outcome.exitCode() != ExitCode.OK) {
            return outcome;
        }
        String message = "dry run: a real run would halt at a safety gate now (" + blocked.size()
                + " blocked, listed above); exit 1";
        deps.progress().run(message);
        return new RunOutcome(ExitCode.UNSAFE, message, outcome.wouldBlock());
    }

    /** Records and shows a blocked gate; returns the halt message once wait-safe has run out. */
    private String blocked(Step s, StepLabel label, GateVerdict verdict, boolean nothingRunning,
                           Map<String, Long> blockedSince, Map<String, String> lastBlockers) {
        long now = System.nanoTime();
        // The wait-safe clock runs only while nothing else of this run is in progress: a gate blocked
        // by our own step in progress clears when that step is done, however long it takes.
        if (!nothingRunning) {
            blockedSince.put(s.id(), now);
        }
        long since = blockedSince.computeIfAbsent(s.id(), k -> now);
        String described = verdict.describe();
        if (!described.equals(lastBlockers.put(s.id(), described))) {
            for (var d : verdict.blockers()) {
                journal(Events.GATE_BLOCKED, s.id(), "rule", d.rule(), "message", d.message(), "fix", d.fix());
            }
        }
        Duration elapsed = Duration.ofNanos(now - since);
        Duration remaining = settings.waitSafe().minus(elapsed);
        if (remaining.isNegative() || remaining.isZero()) {
            String message = "halted before " + label + ": the safety gate stayed blocked for "
                    + ConsoleProgress.human(settings.waitSafe()) + " (--wait-safe): " + described
                    + "; nothing of this step was done";
            journal(Events.RUN_HALTED, s.id(), "message", message);
            return message;
        }
        deps.progress().waiting(label, "the safety gate: " + described
                + (nothingRunning ? "" : " (re-checked when the steps in progress finish)"), elapsed, remaining);
        return null;
    }

    private RunFailure collect(CompletionService<Finished> completion, Map<String, Future<Finished>> running,
                               Set<String> done, RunFailure failure, StepGraph graph) {
        RunFailure result = failure;
        try {
            Future<Finished> f = completion.poll(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
            while (f != null) {
                String id = idOf(running, f);
                running.remove(id);
                try {
                    Finished fin = f.get();
                    if (fin.result() == StepRunner.Result.DONE) {
                        Duration took = Duration.ofNanos(System.nanoTime() - fin.startedNanos());
                        // Done whether or not the journal takes the line: the step's work is finished.
                        journal(Events.STEP_DONE, id, "took_ms", took.toMillis());
                        done.add(id);
                        noteLeftDown(fin.step());
                        deps.progress().stepDone(label(graph, fin.step()), took);
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof JournalWriteFailure) {
                        // The step stopped where its next record failed; finish() says what it left down.
                        deps.progress().note(label(graph, graph.step(id)), "stopped: the journal cannot be written");
                    } else {
                        RunFailure rf = e.getCause() instanceof RunFailure r ? r
                                : new RunFailure(id, null, "unexpected error: " + (e.getCause().getMessage() != null
                                        ? e.getCause().getMessage().lines().findFirst().orElse("") : "an internal error without a message"), e.getCause());
                        journal(Events.STEP_FAILED, id, "phase", rf.phase(), "message", rf.getMessage());
                        deps.progress().note(label(graph, graph.step(id)), "FAILED: " + rf.getMessage());
                        if (result == null) {
                            result = rf;
                        }
                    }
                }
                f = completion.poll();
            }
        } catch (InterruptedException e) {
            // The coordinator keeps going: it must see the steps in progress to their end.
        }
        return result;
    }

    private static String idOf(Map<String, Future<Finished>> running, Future<Finished> f) {
        for (Map.Entry<String, Future<Finished>> e : running.entrySet()) {
            if (e.getValue() == f) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("a step finished that was not running");
    }

    private RunOutcome finish(StepGraph graph, JournalState state, Set<String> done, RunFailure failure, String halt,
                              List<String> wouldBlock) {
        if (forcing) {
            return forcedStop(wouldBlock);
        }
        String resumeHint = settings.resumeCommand() == null ? "" : "; resume with: " + settings.resumeCommand();
        RunOutcome outcome;
        String appsFailing;
        boolean journalReported = journal.failed();
        if (journalReported) {
            outcome = journalFailed(graph, state, done, failure, wouldBlock);
        } else if (failure != null && failure.nothingChanged()) {
            String message = "halted at step " + failure.step() + phaseText(failure) + ": " + failure.getMessage()
                    + "; nothing of this step was done" + resumeHint;
            journal(Events.RUN_HALTED, failure.step(), "phase", failure.phase(), "message", failure.getMessage());
            outcome = new RunOutcome(ExitCode.UNSAFE, message, wouldBlock);
        } else if (failure != null) {
            String message = "run failed at step " + failure.step() + phaseText(failure) + ": " + failure.getMessage()
                    + resumeHint;
            journal(Events.RUN_FAILED, failure.step(), "phase", failure.phase(), "message", failure.getMessage());
            outcome = new RunOutcome(ExitCode.RUN_FAILED, message, wouldBlock);
        } else if (halt != null) {
            outcome = new RunOutcome(ExitCode.UNSAFE, halt + resumeHint, wouldBlock);
        } else if (done.size() == graph.steps().size() && (appsFailing = appsFailingAtEnd(graph)) != null) {
            String message = "run failed at the end: every step is done, but " + appsFailing + resumeHint;
            journal(Events.RUN_FAILED, null, "message", "every step is done, but " + appsFailing);
            outcome = new RunOutcome(ExitCode.RUN_FAILED, message, wouldBlock);
        } else if (done.size() == graph.steps().size()) {
            journal(Events.RUN_DONE, null, "steps", done.size());
            String message = "done: " + done.size() + " of " + graph.steps().size() + " steps";
            if (!wouldBlock.isEmpty()) {
                message += "; " + wouldBlock.size() + " safety gate(s) were blocked when checked (a real run would wait for them)";
            }
            outcome = new RunOutcome(ExitCode.OK, message, wouldBlock);
        } else {
            String message = "cancelled at a safe point: " + done.size() + " of " + graph.steps().size()
                    + " steps done, nothing left down that the plan would not leave down" + resumeHint;
            journal(Events.RUN_CANCELLED, null, "message", message);
            outcome = new RunOutcome(ExitCode.INTERRUPTED, message, wouldBlock);
        }
        if (journal.failed() && !journalReported) {
            // The run's last line (done, halted, failed, cancelled) was the one that failed.
            outcome = journalFailed(graph, state, done, failure, wouldBlock);
        }
        deps.progress().run(outcome.message());
        return outcome;
    }

    /**
     * A run never ends 0 while the apps it protects are failing: every app that requires a group the
     * plan touched is probed once more (waiting up to the inventory's ready_timeout). Wanted back: the
     * instances found healthy before any step, except what the run leaves down on purpose; and
     * min_healthy. Returns what is failing, or null.
     */
    private String appsFailingAtEnd(StepGraph graph) {
        Set<String> groups = new TreeSet<>();
        for (Step s : graph.steps()) {
            groups.addAll(AppVerification.groupsTouchedBy(s, deps.inventory()));
        }
        List<dev.stagger.model.AppService> protectedApps = AppVerification.appsRequiring(groups, deps.inventory());
        if (protectedApps.isEmpty()) {
            return null;
        }
        StepLabel label = new StepLabel(graph.steps().size(), graph.steps().size(), "end of run");
        String which = AppVerification.describe(protectedApps, groups);
        Duration timeout = deps.inventory().defaults().readyTimeout();
        if (settings.dryRun()) {
            deps.progress().run("would verify at the end of the run that " + which + " are healthy (the instances"
                    + " healthy before the steps and at least min_healthy, within ready_timeout " + ConsoleProgress.human(timeout) + ")");
            journal(Events.APPS_CHECKED, null, "when", "end", "apps", AppVerification.names(protectedApps), "result", "dry run");
            return null;
        }
        java.util.Optional<String> failing = apps.await(label, protectedApps, apps.baselineOfRun(),
                () -> Set.copyOf(leftDown), timeout);
        journal(Events.APPS_CHECKED, null, "when", "end", "apps", AppVerification.names(protectedApps),
                "result", failing.isEmpty() ? "healthy" : "failing", "answers", failing.orElse(null));
        if (failing.isEmpty()) {
            deps.progress().run(which + " healthy at the end of the run");
            return null;
        }
        return "the apps that require " + String.join(", ", groups) + " are not healthy within ready_timeout "
                + ConsoleProgress.human(timeout) + ": " + failing.get() + ". Check the apps and their connection to "
                + String.join(", ", groups) + " (pinned to an old master? restart them or fix their Sentinel client)";
    }

    /** Keeps {@link #leftDown} in step with the stop and start steps that completed. */
    private void noteLeftDown(Step step) {
        if (step.action() instanceof StepAction.Stop) {
            leftDown.addAll(instancesOf(step.targets()));
        } else if (step.action() instanceof StepAction.Start) {
            leftDown.removeAll(instancesOf(step.targets()));
        }
    }

    /** What this run has down on purpose besides {@code step}: the targets of the other steps in progress, and stopped hosts. */
    private Set<Instance> downByOthers(Step step) {
        Set<Instance> out = new TreeSet<>(leftDown);
        for (StopReport.InProgress p : inProgressNow()) {
            if (!p.step().id().equals(step.id())) {
                out.addAll(instancesOf(p.step().targets()));
            }
        }
        return out;
    }

    /** A failover is never abandoned half-way, even by a forced stop: it would leave replica priorities changed. */
    private static boolean failoverRunning(Map<String, Future<Finished>> running, StepGraph graph) {
        return running.keySet().stream().anyMatch(id -> graph.step(id).action() instanceof StepAction.Failover);
    }

    private static String phaseText(RunFailure failure) {
        return failure.phase() == null ? "" : " (" + failure.phase() + ")";
    }

    /**
     * The journal stopped taking writes: exit 3 saying what is down and how to bring it back and
     * resume; exit 2 when even the run's first line failed, before anything was done.
     */
    private RunOutcome journalFailed(StepGraph graph, JournalState state, Set<String> done, RunFailure failure,
                                     List<String> wouldBlock) {
        Map<String, Phase> inProgress = new LinkedHashMap<>();
        Map<String, Phase> recorded = journal.phasesInProgress();
        for (Step s : graph.steps()) {
            if (done.contains(s.id())) {
                continue;
            }
            JournalState.StepProgress before = state.progressOf(s.id());
            Phase phase = recorded.containsKey(s.id()) ? recorded.get(s.id())
                    : before == null ? null : before.lastPhaseStarted().orElse(null);
            boolean nothingDownYet = phase == Phase.DOWN && recorded.containsKey(s.id()) && !journal.tookDown(s.id());
            if (phase != null && !nothingDownYet) {
                inProgress.put(s.id(), phase);
            }
        }
        List<HaltingJournal.HookKey> unrecorded = journal.unrecordedHooks().stream()
                .filter(h -> !done.contains(h.step())).toList();
        String message = JournalHalt.describe(journal.failure().orElseThrow(), graph, deps.inventory(), inProgress,
                unrecorded, journal.runStarted(), settings.resumeCommand(), failure);
        return new RunOutcome(journal.runStarted() ? ExitCode.RUN_FAILED : ExitCode.BAD_INPUT, message, wouldBlock);
    }

    /**
     * Every step in progress counts toward {@code --max-parallel}, failovers too, and a failover never
     * starts while another is in progress, whatever group either moves (one cluster, one failover at a
     * time: the Buildkite 2024 incident). Two failovers at once once let a gate block on the split
     * brain of a move this very run had under way.
     */
    private boolean mayStartNow(Step s, Set<String> running, StepGraph graph) {
        if (running.size() >= settings.maxParallel()) {
            return false;
        }
        return !s.isFailover() || running.stream().noneMatch(id -> graph.step(id).isFailover());
    }

    /**
     * What this run has down, or may take down at any moment: the targets of every step in
     * progress, plus what completed {@code stop} steps left down and {@code start} steps did not
     * bring back.
     */
    Set<Instance> downNow(StepGraph graph, Set<String> done, Set<String> running) {
        Set<Instance> down = new TreeSet<>();
        for (Step s : graph.steps()) {
            if (!done.contains(s.id())) {
                continue;
            }
            if (s.action() instanceof StepAction.Stop) {
                down.addAll(instancesOf(s.targets()));
            } else if (s.action() instanceof StepAction.Start) {
                down.removeAll(instancesOf(s.targets()));
            }
        }
        for (String id : running) {
            down.addAll(instancesOf(graph.step(id).targets()));
        }
        return down;
    }

    private Set<Instance> instancesOf(List<Target> targets) {
        return deps.inventory().instancesOf(targets);
    }

    private static StepLabel label(StepGraph graph, Step s) {
        return new StepLabel(graph.indexOf(s) + 1, graph.steps().size(), s.id());
    }

    /**
     * Records a run-wide event. A write that fails is not thrown here: the journal remembers it, the
     * coordinator's loop sees {@link HaltingJournal#failed()} and starts nothing more.
     */
    private void journal(String event, String step, Object... details) {
        try {
            journal.append(JournalEvent.of(Instant.now(), event, step, details));
        } catch (JournalWriteFailure e) {
            // remembered by the journal; finish() reports it
        }
    }
}
