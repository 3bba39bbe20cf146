package dev.stagger.cli;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.ExitCode;
import dev.stagger.model.LoadedPlan;
import dev.stagger.plan.PlanOptions;
import dev.stagger.plan.PlanResult;
import dev.stagger.plan.Planner;
import dev.stagger.report.Ansi;
import dev.stagger.report.DotWriter;
import dev.stagger.report.MermaidWriter;
import dev.stagger.report.PlanGraph;
import dev.stagger.report.PlanRefusalText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "graph",
        header = "Draw the plan's dependency graph (DOT or Mermaid).", mixinStandardHelpOptions = true,
        description = {
            "Draw the plan's dependency graph as DOT or Mermaid, wave by wave.",
            "By default the graph as written (sequence order's implied edges included). With",
            "--planned, the graph `stagger plan` would write: inserted failovers and added edges are",
            "drawn dashed and red, labelled with why they are there. Exit 0, or 1 when --planned finds",
            "no safe order, 2 bad input."})
final class GraphCommand implements Callable<Integer> {
    enum Format { dot, mermaid }

    @Spec
    CommandSpec spec;

    @Mixin
    PlanInput input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "dot", description = "dot (default) or mermaid.")
    Format format;

    @Option(names = "--planned", description = "Draw the planner's output, with what it inserted marked.")
    boolean planned;

    @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "0",
            description = "With --planned: as for `stagger plan`.")
    int maxParallel;

    @Option(names = "--keep-order", description = "With --planned: as for `stagger plan`.")
    boolean keepOrder;

    @Override
    public Integer call() {
        MaxParallelOption.check(spec, maxParallel);
        LoadedPlan loaded = input.load();
        PlanGraph graph;
        if (planned) {
            PlanResult r = Planner.plan(loaded, new PlanOptions(maxParallel, keepOrder));
            if (r.isRefused()) {
                spec.commandLine().getErr().print(PlanRefusalText.render(r.refusal(), input.plan.toString(), Ansi.forTerminal()));
                spec.commandLine().getErr().flush();
                return ExitCode.UNSAFE;
            }
            graph = PlanGraph.of(r);
        } else {
            graph = PlanGraph.written(StepGraph.of(loaded.plan()));
        }
        spec.commandLine().getOut().print(format == Format.dot ? DotWriter.render(graph) : MermaidWriter.render(graph));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
