package dev.stagger.run;

import dev.stagger.model.AppService;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Takes one step through its phases (failover; or down, confirm-down, do, up, ready), journaling the
 * start and end of each so that a resumed run continues where the journal ends. Once a step has
 * touched the cluster it is finished even when the run is cancelled: the safe point is "everything
 * back up", never "half down".
 */
final class StepRunner {
    /** How a step ended when it did not fail. */
    enum Result { DONE, ABANDONED }

    private final RunDeps deps;
    private final RunSettings settings;
    private final BooleanSupplier cancelled;
    private final AppVerification apps;
    /** What this run has down on purpose besides the given step: those app instances are excused. */
    private final Function<Step, Set<Instance>> downByOthers;

    StepRunner(RunDeps deps, RunSettings settings, BooleanSupplier cancelled, AppVerification apps,
               Function<Step, Set<Instance>> downByOthers) {
        this.deps = deps;
        this.settings = settings;
        this.cancelled = cancelled;
        this.apps = apps;
        this.downByOthers = downByOthers;
    }

    /** @param resumed how far the journal says this step got, or null for a fresh start */
    Result run(Step step, StepLabel label, JournalState.StepProgress resumed) {
        record(Events.STEP_STARTED, step, "number", Integer.toString(label.number()),
                "resumed", resumed == null ? null : "true");
        deps.progress().stepStarted(label, summary(step, resumed));
        AppVerification.Baseline appsBefore = appsBefore(step, label, resumed);
        for (Phase phase : Phase.of(step.action())) {
            if (resumed != null && resumed.phaseDone(phase)) {
                continue;
            }
            record(Events.PHASE_STARTED, step, "phase", phase.label());
            if (!runPhase(step, label, phase, resumed)) {
                record(Events.STEP_ABANDONED, step, "phase", phase.label(), "reason", "cancelled before anything went down");
                return Result.ABANDONED;
            }
            record(Events.PHASE_DONE, step, "phase", phase.label());
        }
        verifyApps(step, label, appsBefore);
        return Result.DONE;
    }

    /**
     * Right before a step's first action: which instances of the apps requiring the groups it touches
     * are healthy (they must be again after it). Null when no app requires them, in a dry run, and
     * for a resumed step that had already acted (what was healthy before it is not known any more).
     */
    private AppVerification.Baseline appsBefore(Step step, StepLabel label, JournalState.StepProgress resumed) {
        Set<String> groups = AppVerification.groupsTouchedBy(step, deps.inventory());
        List<AppService> protectedApps = AppVerification.appsRequiring(groups, deps.inventory());
        if (protectedApps.isEmpty() || settings.dryRun() || resumed != null && resumed.touchedCluster()) {
            return null;
        }
        AppVerification.Baseline before = apps.before(protectedApps);
        Set<Instance> healthy = before.healthy();
        Set<Instance> checked = AppVerification.withWriteCheck(protectedApps);
        deps.progress().note(label, AppVerification.describe(protectedApps, groups) + ": "
                + healthy.size() + " of " + AppVerification.instancesOf(protectedApps).size()
                + " instances healthy before the step; it is done only when they are again and min_healthy holds");
        if (!checked.isEmpty()) {
            List<Instance> notWritable = healthy.stream().filter(checked::contains)
                    .filter(i -> !before.writable().contains(i)).toList();
            deps.progress().note(label, before.writable().size() + " of " + checked.size()
                    + " instances with a write_check passed it before the step; each must pass it again after it"
                    + (notWritable.isEmpty() ? "" : " (already failing it, so not required after: " + names(notWritable) + ")"));
        }
        record(Events.APPS_CHECKED, step, "when", "before", "apps", AppVerification.names(protectedApps),
                "healthy", healthy.isEmpty() ? "none" : names(List.copyOf(healthy)),
                "writable", checked.isEmpty() ? null : before.writable().isEmpty() ? "none" : names(List.copyOf(before.writable())));
        return before;
    }

    /**
     * A step is done only when the apps that require what it touched work again: a failover the apps
     * did not follow (pinned to the old master) is an outage however well the data side went.
     */
    private void verifyApps(Step step, StepLabel label, AppVerification.Baseline before) {
        Set<String> groups = AppVerification.groupsTouchedBy(step, deps.inventory());
        List<AppService> protectedApps = AppVerification.appsRequiring(groups, deps.inventory());
        if (protectedApps.isEmpty()) {
            return;
        }
        Duration timeout = readyTimeout(step);
        String which = AppVerification.describe(protectedApps, groups);
        String rule = (before == null ? "" : "the instances healthy before the step and ") + "at least min_healthy"
                + (before == null || before.writable().isEmpty() ? "" : ", each passing its write_check again");
        if (settings.dryRun()) {
            deps.progress().note(label, "would verify that " + which + " are healthy again after this step: " + rule
                    + ", within ready_timeout " + ConsoleProgress.human(timeout));
            for (AppService a : protectedApps) {
                if (a.writeCheck() != null) {
                    deps.progress().note(label, "would run the write_check of " + a.name() + " on each instance before"
                            + " and after this step (`" + a.writeCheck().shown() + "`): an instance whose check passed"
                            + " before must pass it again; health alone is not enough");
                }
            }
            record(Events.APPS_CHECKED, step, "when", "after", "apps", AppVerification.names(protectedApps), "result", "dry run");
            return;
        }
        AppVerification.Baseline mustRecover = before == null ? AppVerification.Baseline.NONE : before;
        if (before == null) {
            deps.progress().note(label, "resumed: which app instances were healthy before this step is not known;"
                    + " verifying " + which + " against min_healthy");
        }
        Set<Instance> ownDown = step.action() instanceof StepAction.Stop ? instances(step) : Set.of();
        Optional<String> failing = apps.await(label, protectedApps, mustRecover, () -> {
            Set<Instance> excused = new LinkedHashSet<>(downByOthers.apply(step));
            excused.addAll(ownDown);
            return excused;
        }, timeout);
        if (failing.isEmpty()) {
            record(Events.APPS_CHECKED, step, "when", "after", "apps", AppVerification.names(protectedApps), "result", "healthy");
            deps.progress().note(label, which + " healthy (" + rule + ")");
            return;
        }
        record(Events.APPS_CHECKED, step, "when", "after", "apps", AppVerification.names(protectedApps),
                "result", "failing", "answers", failing.get());
        throw new RunFailure(step.id(), null, appsFailingMessage(step, groups, timeout, failing.get()));
    }

    private String appsFailingMessage(Step step, Set<String> groups, Duration timeout, String failing) {
        String within = " within ready_timeout " + ConsoleProgress.human(timeout) + ": " + failing;
        if (step.action() instanceof StepAction.Failover f) {
            return "the failover of " + f.service() + " itself was verified (the new master takes writes and the"
                    + " old one replicates from it), but the apps that require " + f.service() + " are not healthy" + within
                    + ". Apps pinned to the old master? Restart them or fix their Sentinel client, then resume"
                    + " (the failover is not repeated)";
        }
        return step.action().keyword() + " " + describe(step.targets()) + " finished, but the apps that require "
                + String.join(", ", groups) + " are not healthy" + within
                + ". Check the apps and their connection to " + String.join(", ", groups) + ", fix them, then resume";
    }

    private String summary(Step step, JournalState.StepProgress resumed) {
        String what = step.action() instanceof StepAction.Failover f
                ? "failover of " + f.service() + (f.shard() == null ? "" : " shard " + f.shard())
                        + (f.to() == null ? "" : " to " + f.to())
                : step.action().keyword() + " " + describe(step.targets());
        if (resumed != null) {
            what += resumed.lastPhaseStarted().map(p -> " (resuming at " + p.label() + ")").orElse(" (resuming)");
        }
        return what;
    }

    /** @return false when the step was abandoned (cancelled before it touched anything) */
    private boolean runPhase(Step step, StepLabel label, Phase phase, JournalState.StepProgress resumed) {
        switch (phase) {
            case FAILOVER -> failover(step, label, (StepAction.Failover) step.action(), resumed);
            case DOWN -> {
                if (step.hooks().down().isEmpty()) {
                    record(Events.OPERATOR, step, "phase", phase.label(), "instruction", "stop " + describe(step.targets()));
                } else {
                    runHooks(step, label, phase, step.hooks().down(), resumed);
                }
            }
            case CONFIRM_DOWN -> {
                return confirmDown(step, label);
            }
            case DO -> runHooks(step, label, phase, step.hooks().doCommand(), resumed);
            case UP -> {
                if (step.hooks().up().isEmpty()) {
                    record(Events.OPERATOR, step, "phase", phase.label(), "instruction", "start " + describe(step.targets()));
                    deps.progress().instruct(label, "start " + instancesText(step) + " now"
                            + (step.hooks().doCommand().isEmpty() && step.action() instanceof StepAction.Maintain
                            ? " (after your maintenance work)" : "")
                            + "; I am watching for them to come back ready");
                } else {
                    runHooks(step, label, phase, step.hooks().up(), resumed);
                }
            }
            case READY -> awaitReady(step, label, resumed);
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
        return true;
    }

    private void failover(Step step, StepLabel label, StepAction.Failover f, JournalState.StepProgress resumed) {
        Endpoint target = resumed == null ? null : resumed.failoverTarget().orElse(null);
        if (target != null) {
            // The last run died during the failover: look before acting, never repeat it blindly.
            if (deps.failover().alreadyDone(step, f, target)) {
                deps.progress().note(label, "the failover to " + target
                        + " that the last run started has taken effect (verified); not repeating it");
                return;
            }
            deps.progress().note(label, "the failover to " + target + " that the last run started did not take effect; performing it now");
        } else {
            target = deps.failover().target(step, f, downByOthers.apply(step));
            if (target != null) {
                record(Events.FAILOVER_TARGET, step, "target", target.toString());
            }
        }
        List<String> actions;
        try {
            actions = deps.failover().failover(step, f, target, line -> deps.progress().note(label, line));
        } catch (FailedBack back) {
            for (String action : back.actions()) {
                record(Events.FAILOVER_ACTION, step, "action", action);
            }
            record(Events.FAILED_BACK, step, "from", back.refusing().toString(), "to", back.oldMaster().toString(),
                    "result", back.verified() ? "verified" : "failed", "refusal", back.refusal());
            throw back;
        }
        for (String action : actions) {
            record(Events.FAILOVER_ACTION, step, "action", action);
        }
    }

    private boolean confirmDown(Step step, StepLabel label) {
        Set<Instance> instances = instances(step);
        boolean manual = step.hooks().down().isEmpty();
        if (manual) {
            deps.progress().instruct(label, "stop " + instancesText(step) + " now; I am watching for them to go down");
        }
        if (instances.isEmpty()) {
            deps.progress().note(label, "nothing to watch on " + describe(step.targets()) + " (no inventory instances)");
            return true;
        }
        Duration timeout = readyTimeout(step);
        long start = System.nanoTime();
        while (true) {
            deps.journal().failIfBroken();
            List<Instance> up = instances.stream().filter(i -> !deps.probe().isDown(i)).toList();
            if (up.isEmpty()) {
                deps.progress().note(label, describe(step.targets()) + " stopped answering");
                return true;
            }
            if (manual && cancelled.getAsBoolean() && up.size() == instances.size()) {
                deps.progress().instruct(label, "the run is stopping: do NOT stop " + instancesText(step));
                return false;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (elapsed.compareTo(timeout) >= 0) {
                throw new RunFailure(step.id(), Phase.CONFIRM_DOWN.label(), names(up) + " still answered "
                        + ConsoleProgress.human(timeout) + " after " + (manual ? "the operator was asked to stop them" : "the down hook")
                        + " (ready_timeout); check " + describe(step.targets()) + " and resume");
            }
            deps.progress().waiting(label, names(up) + " to go down", elapsed, timeout.minus(elapsed));
            sleep(settings.poll());
        }
    }

    private void awaitReady(Step step, StepLabel label, JournalState.StepProgress resumed) {
        Set<Instance> instances = instances(step);
        if (resumed != null && step.hooks().up().isEmpty() && resumed.phaseStarted(Phase.READY)) {
            deps.progress().instruct(label, "start " + instancesText(step) + " if they are not running; I am watching for them to come back ready");
        }
        if (instances.isEmpty()) {
            deps.progress().note(label, "nothing to watch on " + describe(step.targets()) + " (no inventory instances)");
            return;
        }
        Duration minReady = settings.dryRun() ? Duration.ZERO : minReady(step);
        Duration timeout = readyTimeout(step);
        ReadinessWatch watch = new ReadinessWatch(instances, minReady);
        long start = System.nanoTime();
        String subject = describe(step.targets());
        while (true) {
            deps.journal().failIfBroken();
            long now = System.nanoTime();
            for (Instance i : instances) {
                watch.observe(i, deps.probe().isReady(i), now);
            }
            if (watch.satisfied(now)) {
                deps.progress().note(label, subject + " ready (min_ready " + ConsoleProgress.human(minReady) + ")");
                return;
            }
            Duration elapsed = Duration.ofNanos(now - start);
            if (elapsed.compareTo(timeout) >= 0) {
                throw new RunFailure(step.id(), Phase.READY.label(), subject + " did not become ready within ready_timeout "
                        + ConsoleProgress.human(timeout) + watch.describeNotReady()
                        + "; it is still down: bring it up by hand, then resume");
            }
            List<Instance> notReady = watch.notReady();
            if (notReady.isEmpty()) {
                Duration held = watch.heldFor(now);
                deps.progress().waiting(label, subject + " ready (min_ready " + ConsoleProgress.human(minReady) + ")",
                        held, minReady.minus(held));
            } else {
                deps.progress().waiting(label, names(notReady) + " ready (ready_timeout " + ConsoleProgress.human(timeout) + ")",
                        elapsed, timeout.minus(elapsed));
            }
            sleep(settings.poll());
        }
    }

    private void runHooks(Step step, StepLabel label, Phase phase, List<String> command, JournalState.StepProgress resumed) {
        if (command.isEmpty()) {
            return;
        }
        for (Target target : step.targets()) {
            String t = target.toString();
            if (resumed != null && resumed.hookDone(phase, t)) {
                continue;
            }
            if (resumed != null) {
                Optional<Long> pid = resumed.unfinishedHookPid(phase, t);
                pid.ifPresent(p -> awaitSurvivor(step, label, phase, target, p));
            }
            HookCall call;
            try {
                call = new HookCall(step.id(), phase, target, Placeholders.expand(command, target, deps.inventory()),
                        hookTimeout(step));
            } catch (IllegalArgumentException e) {
                throw new RunFailure(step.id(), phase.label(), e.getMessage());
            }
            if (!settings.dryRun()) {
                // A dry run's hook runner says what it would run: "running" would be untrue.
                deps.progress().note(label, "running the " + phase.label() + " hook for " + t + ": " + call.commandLine());
            }
            long start = System.nanoTime();
            String source = t + " " + phase.label();
            deps.hooks().run(call, new HookRunner.Listener() {
                @Override
                public void started(long pid) {
                    record(Events.HOOK_STARTED, step, "phase", phase.label(), "target", t,
                            "command", call.commandLine(), "pid", Long.toString(pid));
                }

                @Override
                public void output(CharSequence lines) {
                    deps.progress().hookOutput(label, source, lines);
                }

                @Override
                public void outputDone(HookOutput.Summary summary) {
                    if (summary.bytes() > 0) {
                        // The tail, not every line: a hook may print gigabytes, and one journal line holds it all.
                        record(Events.HOOK_OUTPUT, step, "phase", phase.label(), "target", t,
                                "printed", summary.describe(), "tail", summary.tail());
                    }
                }

                @Override
                public void ended(String why, String how) {
                    record(Events.HOOK_ENDED, step, "phase", phase.label(), "target", t, "why", why, "signals", how);
                }

                @Override
                public void running(Duration elapsed) {
                    deps.progress().waiting(label, "the " + phase.label() + " hook for " + t + " to finish",
                            elapsed, call.timeout().minus(elapsed));
                }
            });
            record(Events.HOOK_DONE, step, "phase", phase.label(), "target", t,
                    "took_ms", Long.toString(Duration.ofNanos(System.nanoTime() - start).toMillis()));
        }
    }

    /**
     * A hook of the killed run may still be running: starting it again next to itself would be worse.
     * It gets the hook's own hook_timeout; stagger does not end a process this run did not start (its
     * pid may even belong to something else by now), so past that the step fails saying how to end it.
     */
    private void awaitSurvivor(Step step, StepLabel label, Phase phase, Target target, long pid) {
        long start = System.nanoTime();
        Duration timeout = hookTimeout(step);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (elapsed.compareTo(timeout) >= 0) {
                throw new RunFailure(step.id(), phase.label(), "the " + phase.label() + " hook for " + target
                        + " left running by the interrupted run (pid " + pid + ") still runs after its hook_timeout "
                        + ConsoleProgress.human(timeout) + "; stagger does not end a process it did not start: check it"
                        + " (`ps -o pid,pgid,etime,args -s " + pid + "`), end it (`kill -TERM -- -" + pid + "`), then resume");
            }
            deps.progress().waiting(label, "the " + phase.label() + " hook for " + target
                    + " left running by the interrupted run (pid " + pid + ") to exit", elapsed, timeout.minus(elapsed));
            sleep(settings.poll());
        }
    }

    private Set<Instance> instances(Step step) {
        Set<Instance> out = new LinkedHashSet<>();
        Inventory inv = deps.inventory();
        for (Target t : step.targets()) {
            out.addAll(inv.instancesOf(t));
        }
        return out;
    }

    private Duration minReady(Step step) {
        return step.minReady() != null ? step.minReady() : deps.inventory().defaults().minReady();
    }

    private Duration hookTimeout(Step step) {
        return step.hookTimeout() != null ? step.hookTimeout() : deps.inventory().defaults().hookTimeout();
    }

    private Duration readyTimeout(Step step) {
        return step.readyTimeout() != null ? step.readyTimeout() : deps.inventory().defaults().readyTimeout();
    }

    /** {@code api@app1 and cache@app1 on app1}: what a person must stop or start. */
    private String instancesText(Step step) {
        List<String> parts = new ArrayList<>();
        for (Target t : step.targets()) {
            List<String> names = deps.inventory().instancesOf(t).stream().map(i -> i.service() + "@" + i.host()).toList();
            parts.add(names.isEmpty() ? t.toString() : join(names) + " on " + t.host());
        }
        return String.join("; ", parts);
    }

    static String describe(List<Target> targets) {
        return join(targets.stream().map(Target::toString).toList());
    }

    private static String names(List<Instance> instances) {
        return join(instances.stream().map(Instance::toString).toList());
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /**
     * Records an event of this step before the step goes on. A failed write ({@link JournalWriteFailure})
     * stops the step right there, so nothing it does next goes unrecorded; except while a hook runs:
     * hook-started and hook-output are written from inside the hook runner, and throwing there would
     * abandon a running process. The journal remembers the failure, and hook-done's record, once the
     * hook has finished, stops the step.
     */
    private void record(String event, Step step, Object... details) {
        try {
            deps.journal().append(JournalEvent.of(Instant.now(), event, step.id(), details));
        } catch (JournalWriteFailure e) {
            if (!event.equals(Events.HOOK_STARTED) && !event.equals(Events.HOOK_OUTPUT)) {
                throw e;
            }
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            // Waits are not cut short by interrupts: cancel() is a flag read at safe points, and a
            // step that has taken something down must still bring it back.
        }
    }
}
