package dev.stagger.cli;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Step;
import dev.stagger.report.Ansi;
import dev.stagger.report.GithubAnnotations;
import dev.stagger.report.Validation;
import dev.stagger.report.ValidationJson;
import dev.stagger.report.ValidationJunit;
import dev.stagger.report.ValidationText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate",
        header = "Check a plan against every safety rule (exit 0 safe, 1 unsafe, 2 bad input).", mixinStandardHelpOptions = true,
        description = {
            "Check a maintenance plan against every safety rule, over every set of steps that may",
            "overlap. Exit 0 safe, 1 unsafe, 2 bad input."})
final class ValidateCommand implements Callable<Integer> {
    enum Format { text, json, junit, github }

    @Spec
    CommandSpec spec;

    @Mixin
    PlanInput input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, junit or github.")
    Format format;

    @Option(names = "--strict", description = "Warnings fail the check too.")
    boolean strict;

    @Option(names = "--live", description = "Probe the cluster: use the live masters and host states, and check the live rules.")
    boolean live;

    @Override
    public Integer call() {
        LoadedPlan loaded;
        StepGraph graph;
        try {
            loaded = input.load();
            graph = StepGraph.of(loaded.plan());
        } catch (StaggerException e) {
            reportInputErrors(e);
            throw e;
        }
        List<Diagnostic> diagnostics = new ArrayList<>(live
                ? LiveValidation.check(loaded.inventory(), graph)
                : Checker.check(loaded.inventory(), graph));
        Validation v = new Validation(input.plan.toString(), loaded.plan().name(),
                graph.steps().stream().map(Step::id).toList(), live ? LiveValidation.ruleIds() : Checker.ruleIds(),
                diagnostics, strict);
        String rendered = switch (format) {
            case text -> ValidationText.render(v, Ansi.forTerminal());
            case json -> ValidationJson.render(v);
            case junit -> ValidationJunit.render(v);
            case github -> GithubAnnotations.render(v);
        };
        spec.commandLine().getOut().print(rendered);
        spec.commandLine().getOut().flush();
        return v.exitCode();
    }

    /**
     * A CI job parses the report it asked for: on bad input every machine format still writes a
     * well-formed report on stdout, the input errors as findings of rule {@code input} (the text
     * format leaves them to stderr, where the exception handler prints them).
     */
    private void reportInputErrors(StaggerException e) {
        List<Diagnostic> errors = e.diagnostics().isEmpty()
                ? List.of(Diagnostic.inputError(Position.of(input.plan.toString()), e.getMessage()))
                : e.diagnostics();
        Validation v = new Validation(input.plan.toString(), String.valueOf(input.plan.getFileName()), List.of(),
                List.of(Diagnostic.INPUT), errors, false);
        String rendered = switch (format) {
            case text -> null;
            case json -> ValidationJson.render(v);
            case junit -> ValidationJunit.render(v);
            case github -> GithubAnnotations.render(errors);
        };
        if (rendered != null) {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
        }
    }
}
