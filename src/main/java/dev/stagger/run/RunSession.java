package dev.stagger.run;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One {@code stagger run} from loaded plan to exit code: reads the journal (refusing to start over an
 * unfinished run without {@code --resume}, or to resume a changed plan), prints and confirms the
 * plan, takes the cluster lock, wires real or dry-run parts into the {@link Executor}, and hands
 * Ctrl-C and SIGTERM to {@link Executor#stopRequested}. The command line only parses flags.
 */
public final class RunSession {
    /** The flags of {@code stagger run}. {@code journal} null means the default path under {@code baseDir}. */
    public record Options(boolean dryRun, boolean yes, boolean resume, Path journal, int maxParallel,
                          Duration waitSafe, boolean breakLock, String resumeCommand, Path baseDir) {
    }

    /** Where the session talks to the person. */
    public record Terminal(PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive) {
    }

    private final Options options;
    private final Terminal terminal;
    private final Function<String, String> env;
    private final Duration poll;
    private final Duration gateInterval;
    private final Duration lockTtl;

    public RunSession(Options options, Terminal terminal, Function<String, String> env) {
        this(options, terminal, env, Duration.ofSeconds(1), Duration.ofSeconds(2), ClusterLock.DEFAULT_TTL);
    }

    RunSession(Options options, Terminal terminal, Function<String, String> env, Duration poll, Duration gateInterval,
               Duration lockTtl) {
        this.options = options;
        this.terminal = terminal;
        this.env = env;
        this.poll = poll;
        this.gateInterval = gateInterval;
        this.lockTtl = lockTtl;
    }

    public Path journalPath(LoadedPlan loaded) {
        return options.journal() != null ? options.journal()
                : FileJournal.defaultPath(options.baseDir(), loaded.inventory().cluster(), loaded.plan().name());
    }

    /** True when this run starts from the beginning: no journal, or the one there records a finished run. */
    public boolean startsFresh(LoadedPlan loaded) {
        if (options.resume()) {
            return false;
        }
        JournalState state = JournalState.read(journalPath(loaded), loaded.plan());
        return state.isEmpty() || state.finished();
    }

    public int run(LoadedPlan loaded, LiveParts.Factory live) {
        return run(loaded, StepGraph.of(loaded.plan()), live);
    }

    /** @param graph the plan's graph, when the caller has already built it */
    public int run(LoadedPlan loaded, StepGraph graph, LiveParts.Factory live) {
        return runSession(loaded, graph, live);
    }

    private int runSession(LoadedPlan loaded, StepGraph graph, LiveParts.Factory live) {
        Plan plan = loaded.plan();
        Inventory inventory = loaded.inventory();
        List<String> problems = Placeholders.problems(plan, inventory);
        if (!problems.isEmpty()) {
            throw new StaggerException(ExitCode.BAD_INPUT, String.join("\n", problems));
        }
        String hash = PlanHash.of(plan);
        Path journalPath = journalPath(loaded);
        try (LiveParts parts = live.connect(inventory)) {
            LockStore lockStore = parts.lockStore().orElseGet(() -> RunLock.forInventory(inventory));
            JournalState state = priorState(journalPath, hash, graph, lockStore);
            if (state == null) {
                return ExitCode.OK;
            }
            terminal.out().print(PlanPrinter.render(graph, inventory, state.completed(), options.maxParallel()));
            terminal.out().flush();
            if (!options.dryRun()) {
                Confirmation.confirm(options.yes(), terminal.interactive(), terminal.in(), terminal.err());
            }
            Redactor redactor = Redactor.forInventory(inventory, env);
            ProgressListener progress = new ConsoleProgress(terminal.err(), Duration.ofSeconds(5), options.dryRun(), redactor);
            RunSettings settings = new RunSettings(options.maxParallel(), options.waitSafe(), poll, gateInterval,
                    options.dryRun(), options.resumeCommand());
            if (options.dryRun()) {
                // A dry run takes no lock, but says who holds it: a real run now would be refused.
                progress.run(ClusterLock.describeHolder(lockStore, inventory.cluster()));
                DryRunFailover failovers = new DryRunFailover(s -> progress.run(s), parts.dryRun());
                RunDeps deps = new RunDeps(inventory, new DryRunGate(parts.dryRun(), failovers), failovers,
                        new DryRunProbe(), new DryRunHookRunner(s -> progress.run(s)), Journal.inMemory(), progress);
                return execute(new Executor(deps, settings), graph, state, hash);
            }
            ClusterLock.Request request = new ClusterLock.Request(inventory.cluster(), plan.name(), journalPath, lockTtl,
                    options.resume(), options.breakLock());
            try (ClusterLock lock = ClusterLock.acquire(lockStore, request, progress::run);
                 FileJournal journal = FileJournal.open(journalPath, redactor)) {
                RunDeps deps = new RunDeps(inventory, parts.gate(), new LockKeepingFailover(parts.failover(), lock),
                        parts.probe(), new ProcessHookRunner(redactor, poll), journal, progress);
                Executor executor = new Executor(deps, settings);
                lock.startHeartbeat(reason -> {
                    progress.run(reason);
                    executor.cancel();
                });
                progress.run("journal: " + journalPath + "; lock: " + lock.where() + ", fence " + lock.owner().fence());
                return execute(executor, graph, state, hash);
            }
        }
    }

    /**
     * The journal's state to start from; null when there is nothing to do (the run to resume had
     * already finished).
     */
    private JournalState priorState(Path journalPath, String hash, StepGraph graph, LockStore lockStore) {
        JournalState state = JournalState.read(journalPath, graph.plan());
        if (options.resume()) {
            if (state.isEmpty()) {
                throw new StaggerException(ExitCode.BAD_INPUT, "nothing to resume: " + journalPath
                        + " records no run; run without --resume to start one");
            }
            state.requireSamePlan(hash, journalPath.toString());
            if (state.finished()) {
                terminal.err().println("stagger: the run recorded in " + journalPath + " already finished: all "
                        + graph.steps().size() + " steps done; nothing to resume");
                terminal.err().flush();
                return null;
            }
            return state;
        }
        if (!state.isEmpty() && !state.finished()) {
            String stopped = state.lastStop().map(e -> " (it stopped: " + e.event()
                    + (e.step() == null ? "" : " at " + e.step()) + ")").orElse(" (it may still be running, or was killed)");
            throw new StaggerException(ExitCode.BAD_INPUT, journalPath + " records an unfinished run of this plan: "
                    + state.completed().size() + " of " + graph.steps().size() + " steps done" + stopped
                    + lockHolder(lockStore, journalPath)
                    + ". Pass --resume to continue it (finished steps are not repeated). To start over instead, first make"
                    + " sure the cluster is as this plan expects (`stagger status`: every host up, every master where the"
                    + " plan starts), then move or delete " + journalPath + " deliberately; another --journal would not"
                    + " get past the cluster's lock");
        }
        return JournalState.fresh();
    }

    /** {@code ; the cluster's lock is held by ...}, or nothing when it is free or cannot be read. */
    private static String lockHolder(LockStore lockStore, Path journalPath) {
        try {
            Instant now = Instant.now();
            String mine = journalPath.toAbsolutePath().normalize().toString();
            return lockStore.read().map(o -> "; the cluster's run lock is held by " + o.describe(now)
                    + (mine.equals(o.journal()) ? " (the run writing this journal)" : "")).orElse("");
        } catch (LockStore.Unavailable e) {
            return "";
        }
    }

    private int execute(Executor executor, StepGraph graph, JournalState state, String hash) {
        // Ctrl-C and SIGTERM reach stagger alone (hooks run in sessions of their own). The first stops
        // at the safe point, the second ends the running hooks; either way executor.run returns here,
        // so the lock and journal are closed before the process exits. No shutdown hook: one would
        // race the JVM's exit against the steps that must still bring their targets back.
        try (StopSignals signals = StopSignals.install(executor::stopRequested)) {
            if (signals.unavailable() != null) {
                terminal.err().println("stagger: warning: cannot catch Ctrl-C here (" + signals.unavailable()
                        + "): Ctrl-C ends stagger at once; the hooks it runs are not affected");
                terminal.err().flush();
            } else if (signals.ignoredAtStart().contains("INT")) {
                terminal.err().println("stagger: note: this process was started with Ctrl-C (SIGINT) ignored (a background"
                        + " job or nohup): to stop the run at a safe point send SIGTERM (kill " + ProcessHandle.current().pid()
                        + "); a second SIGTERM stops it at once");
                terminal.err().flush();
            }
            return executor.run(graph, state, hash).exitCode();
        }
    }
}
