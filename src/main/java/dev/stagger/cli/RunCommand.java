package dev.stagger.cli;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Step;
import dev.stagger.report.Ansi;
import dev.stagger.report.Validation;
import dev.stagger.report.ValidationText;
import dev.stagger.run.LiveParts;
import dev.stagger.run.RunSession;
import dev.stagger.run.live.LiveRunParts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run",
        header = "Execute a plan step by step against the live cluster, gated by live checks.", mixinStandardHelpOptions = true,
        description = {
            "Execute a plan step by step against the live cluster, checking every safety rule before each",
            "step. Exit 0 done, 1 halted at a safety gate (or refused: lock held, not confirmed) with",
            "nothing harmed, 2 bad input, 3 a step failed (the journal says where), 130 interrupted."})
final class RunCommand implements Callable<Integer> {
    /**
     * How a run reaches the live cluster (gate, failover, probes), given whether
     * {@code --allow-full-resync} and the hidden {@code --unsafe-skip-target-writes-check} were
     * passed: the flags are settings of these parts, so parts a test injects see them as the real
     * ones do.
     */
    @FunctionalInterface
    interface LiveAccess {
        LiveParts.Factory parts(boolean allowFullResync, boolean skipTargetWritesCheck);
    }

    /**
     * The live package's probes and failovers. A lambda, resolved on first use, so that commands
     * other than run never load the Redis client.
     */
    private static final LiveAccess REAL = (allowFullResync, skipTargetWritesCheck) -> inventory ->
            LiveRunParts.factory(settings(allowFullResync, skipTargetWritesCheck)).connect(inventory);

    private static LiveRunParts.Settings settings(boolean allowFullResync, boolean skipTargetWritesCheck) {
        LiveRunParts.Settings s = LiveRunParts.Settings.DEFAULT;
        s = allowFullResync ? s.allowingFullResync() : s;
        return skipTargetWritesCheck ? s.skippingTargetWritesCheck() : s;
    }

    private final LiveAccess live;

    RunCommand() {
        this(REAL);
    }

    /** For tests: the same command against other parts (picocli builds it through a factory). */
    RunCommand(LiveAccess live) {
        this.live = live;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    PlanInput input;

    @Option(names = "--dry-run", description = {"Probe, check and print every action without doing any, judging each gate",
            "on the cluster as the earlier steps would leave it; exit 1 if a real run would halt at a gate now."})
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation (needed when stdin is not a terminal).")
    boolean yes;

    @Option(names = "--resume", description = "Continue the run recorded in the journal; finished steps are not repeated.")
    boolean resume;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "The journal (default: .stagger/CLUSTER-PLAN.journal).")
    Path journal;

    @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "1",
            description = "At most N steps in progress at once, failovers included; never two failovers at once (default 1).")
    int maxParallel;

    @Option(names = "--wait-safe", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to wait for a blocked safety gate before halting (default 5m).")
    Duration waitSafe;

    @Option(names = "--allow-full-resync",
            description = "Do not refuse a failover after which a replica needs a full resync (its offset is older than the target's backlog).")
    boolean allowFullResync;

    @Option(names = "--break-lock", description = "Remove another run's lock on this cluster (stale or not) and take it.")
    boolean breakLock;

    /** Not for production: lets a failover to a target that will refuse writes through, to exercise the fail-back. */
    @Option(names = "--unsafe-skip-target-writes-check", hidden = true)
    boolean skipTargetWritesCheck;

    @Override
    public Integer call() {
        if (maxParallel < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-parallel must be at least 1, not " + maxParallel);
        }
        Duration wait = waitSafe;
        LoadedPlan loaded = input.load();
        RunSession.Options options = new RunSession.Options(dryRun, yes, resume, journal, maxParallel, wait, breakLock,
                resumeCommand(), Path.of(""));
        RunSession.Terminal terminal = new RunSession.Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.console() != null);
        RunSession session = new RunSession(options, terminal, System::getenv);
        StepGraph graph = StepGraph.of(loaded.plan());
        if (session.startsFresh(loaded) && refusedBeforeStart(loaded, graph)) {
            return ExitCode.UNSAFE;
        }
        if (allowFullResync) {
            spec.commandLine().getErr().println("stagger: --allow-full-resync: a failover that sends a replica into a full"
                    + " resync is not refused (the full-resync gate is reported, not waited on)");
        }
        if (skipTargetWritesCheck) {
            spec.commandLine().getErr().println("stagger: --unsafe-skip-target-writes-check: a failover target that would"
                    + " refuse writes is not refused; after the switch stagger fails back to the old master");
        }
        return session.run(loaded, graph, live.parts(allowFullResync, skipTargetWritesCheck));
    }

    /**
     * A plan that is unsafe as a whole is refused before the first step, with the report of
     * {@code validate} on the live masters. Only for a run that starts from the beginning: on
     * {@code --resume} the finished steps have already moved masters, and the step gates judge the rest.
     */
    private boolean refusedBeforeStart(LoadedPlan loaded, StepGraph graph) {
        List<Diagnostic> found = LiveValidation.preflight(loaded.inventory(), graph).stream()
                .filter(d -> !(skipTargetWritesCheck && d.rule().equals("target-writes"))).toList();
        if (found.stream().noneMatch(Diagnostic::isError)) {
            return false;
        }
        PrintWriter err = spec.commandLine().getErr();
        Validation v = new Validation(input.plan.toString(), loaded.plan().name(),
                graph.steps().stream().map(Step::id).toList(), Checker.ruleIds(), found, false);
        err.print(ValidationText.render(v, Ansi.forTerminal()));
        err.println("stagger: not running " + input.plan + ": the plan breaks the safety rules above on the cluster"
                + " as it is now; nothing was done. Fix the plan, or let `stagger plan --live` order it.");
        err.flush();
        return true;
    }

    /** The command that continues this run: the same plan, inventory and journal, with --resume. */
    private String resumeCommand() {
        List<String> parts = new ArrayList<>(List.of("stagger", "run", input.plan.toString()));
        if (input.inventory != null) {
            parts.addAll(List.of("-i", input.inventory.toString()));
        }
        if (journal != null) {
            parts.addAll(List.of("--journal", journal.toString()));
        }
        if (maxParallel != 1) {
            parts.addAll(List.of("--max-parallel", Integer.toString(maxParallel)));
        }
        parts.add("--resume");
        return String.join(" ", parts);
    }
}
