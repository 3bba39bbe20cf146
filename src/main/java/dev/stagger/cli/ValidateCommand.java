package dev.stagger.cli;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.load.PlanFiles;
import dev.stagger.load.PlanLoader;
import dev.stagger.load.Suppressions;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Step;
import dev.stagger.report.Ansi;
import dev.stagger.report.GithubAnnotations;
import dev.stagger.report.InputErrors;
import dev.stagger.report.Validation;
import dev.stagger.report.ValidationJson;
import dev.stagger.report.ValidationJunit;
import dev.stagger.report.ValidationSarif;
import dev.stagger.report.ValidationText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate",
        header = "Check plans against every safety rule (exit 0 safe, 1 unsafe, 2 bad input).", mixinStandardHelpOptions = true,
        description = {
            "Check maintenance plans against every safety rule, over every set of steps that may",
            "overlap. PLAN is a file, a directory (every plan under it; inventories are skipped), a glob",
            "('plans/**/*.yaml', expanded by stagger when quoted) or - for standard input (then -i is required).",
            "One report for all plans; the exit code is the worst: 0 safe, 1 unsafe, 2 bad input.",
            "A reviewed finding can be accepted on its step's `id:` line with",
            "  # stagger: allow RULE -- reason",
            "it is then reported as suppressed and fails neither the check nor --strict."})
final class ValidateCommand implements Callable<Integer> {
    enum Format { text, json, junit, github, sarif }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "PLAN", arity = "1..*",
            description = "Plan files, directories or globs; - reads one plan from standard input.")
    List<String> plans;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "The inventory; overrides the plans' `inventory:` field (required for -).")
    Path inventory;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, junit, github or sarif.")
    Format format;

    @Option(names = "--strict", description = "Warnings fail the check too (suppressed ones do not).")
    boolean strict;

    @Option(names = "--live", description = "Probe the cluster: use the live masters and host states, and check the live rules.")
    boolean live;

    @Option(names = "--allow-full-resync", description = "With --live: judge as `run --allow-full-resync` would: a failover"
            + " after which a replica needs a full resync is a warning, not an error.")
    boolean allowFullResync;

    @Override
    public Integer call() {
        if (plans.contains(PlanFiles.STDIN) && inventory == null) {
            throw new ParameterException(spec.commandLine(), "validate -: a plan read from standard input has no"
                    + " directory to find its inventory in: pass -i INVENTORY");
        }
        if (allowFullResync && !live) {
            throw new ParameterException(spec.commandLine(), "--allow-full-resync judges live findings: use it with --live");
        }
        PlanFiles.Expanded expanded = PlanFiles.expand(plans);
        List<Validation> results = new ArrayList<>();
        boolean one = expanded.items().size() == 1 && expanded.errors().isEmpty();
        for (PlanFiles.Item item : expanded.items()) {
            String plan = item.plan();
            if (item.error() != null) {
                results.add(Validation.ofInputErrors(plan, plan, List.of(item.error())));
                continue;
            }
            try {
                results.add(validate(plan));
            } catch (StaggerException e) {
                if (e.exitCode() != ExitCode.BAD_INPUT) {
                    throw e;
                }
                Validation bad = inputErrors(plan, e);
                if (one) {
                    // One plan: the report (for machine formats) on stdout, the located errors on stderr, exit 2.
                    print(List.of(bad), true);
                    throw e;
                }
                results.add(bad);
            }
        }
        print(results, one);
        return Validation.exitCode(results);
    }

    private Validation validate(String plan) {
        boolean fromStdin = plan.equals(PlanFiles.STDIN);
        Path path = Path.of(fromStdin ? "<stdin>" : plan);
        String text = fromStdin ? PlanLoader.read(System.in, path.toString()) : PlanLoader.read(path);
        LoadedPlan loaded = PlanLoader.load(text, path, inventory);
        StepGraph graph = StepGraph.of(loaded.plan());
        List<String> rules = live ? LiveValidation.ruleIds() : Checker.ruleIds();
        // Any rule may be accepted, the live ones too, so one plan serves with and without --live.
        List<Suppressions.Suppression> suppressions = Suppressions.find(text, path.toString(), graph.steps(),
                LiveValidation::ruleIds);
        List<Diagnostic> diagnostics = new ArrayList<>(live
                ? LiveValidation.check(loaded.inventory(), graph, allowFullResync)
                : Checker.check(loaded.inventory(), graph));
        Map<Diagnostic, String> suppressed = new HashMap<>();
        for (Diagnostic d : diagnostics) {
            suppressions.stream().filter(s -> s.covers(d)).findFirst().ifPresent(s -> suppressed.put(d, s.reason()));
        }
        return new Validation(path.toString(), loaded.plan().name(), graph.steps().stream().map(Step::id).toList(),
                rules, diagnostics, strict, suppressed);
    }

    /**
     * A CI job parses the report it asked for: on bad input every machine format still writes a
     * well-formed report on stdout, the input errors as findings of rule {@code input}.
     */
    private static Validation inputErrors(String plan, StaggerException e) {
        List<Diagnostic> errors = e.diagnostics().isEmpty()
                ? List.of(Diagnostic.inputError(Position.of(plan), e.getMessage()))
                : e.diagnostics();
        return Validation.ofInputErrors(plan, String.valueOf(Path.of(plan).getFileName()), errors);
    }

    /** @param single one plan named: its input errors are printed by the exception handler, not here */
    private void print(List<Validation> results, boolean single) {
        PrintWriter out = spec.commandLine().getOut();
        if (!single) {
            PrintWriter err = spec.commandLine().getErr();
            for (Validation v : results) {
                if (v.badInput()) {
                    err.print(InputErrors.render(v.diagnostics(), Ansi.forTerminal()));
                }
            }
            err.flush();
        }
        String rendered = switch (format) {
            case text -> single
                    ? results.get(0).badInput() ? "" : ValidationText.render(results.get(0), Ansi.forTerminal())
                    : ValidationText.render(results, Ansi.forTerminal());
            case json -> ValidationJson.render(results);
            case junit -> ValidationJunit.render(results);
            case github -> GithubAnnotations.render(results);
            case sarif -> ValidationSarif.render(results, VersionProvider.version());
        };
        out.print(rendered);
        out.flush();
    }
}
