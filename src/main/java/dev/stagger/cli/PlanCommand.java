package dev.stagger.cli;

import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.plan.PlanOptions;
import dev.stagger.plan.PlanResult;
import dev.stagger.plan.Planner;
import dev.stagger.report.Ansi;
import dev.stagger.report.MermaidWriter;
import dev.stagger.report.PlanGraph;
import dev.stagger.report.PlanJsonWriter;
import dev.stagger.report.PlanRefusalText;
import dev.stagger.report.PlanSummaryWriter;
import dev.stagger.report.PlanYamlWriter;
import dev.stagger.report.WrittenFailovers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan",
        header = "Write a safe, reordered plan with failovers inserted, or say why none exists.", mixinStandardHelpOptions = true,
        description = {
            "Turn a plan into a safe one in `order: graph`: keeps every `after` you wrote, adds only the",
            "ordering safety needs, inserts a failover (with `to:`) before every step that takes a Redis",
            "master down, and packs the work into as few waves as it can, then as few failovers.",
            "Every added edge and failover carries a comment saying why. Prints the figures and their",
            "lower bounds on stderr. Exit 0 planned, 1 no safe order exists (with the reason and fix),",
            "2 bad input."})
final class PlanCommand implements Callable<Integer> {
    enum Format { yaml, json, mermaid, summary }

    @Spec
    CommandSpec spec;

    @Mixin
    PlanInput input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the plan here instead of stdout; its `inventory:` is made relative to OUT.")
    Path output;

    @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "0",
            description = "At most N maintenance steps in progress at once (default: bounded by safety alone).")
    int maxParallel;

    @Option(names = "--live", description = {
        "Probe the cluster first and plan against the masters ROLE reports and the hosts that",
        "answer; live findings (drift, unreachable, ...) are printed; a split brain stops planning."})
    boolean live;

    @Option(names = "--keep-order",
            description = "Keep the written order, one step at a time; only insert failovers.")
    boolean keepOrder;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (default), json, mermaid (a wave-by-wave picture) or summary (waves, data centres, failovers and bounds, not every step: for large fleets).")
    Format format;

    @Override
    public Integer call() throws IOException {
        MaxParallelOption.check(spec, maxParallel);
        LoadedPlan loaded = input.load();
        Inventory inv = inventoryFor(loaded);
        PlanResult result = Planner.plan(loaded.plan(), inv, new PlanOptions(maxParallel, keepOrder));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (result.isRefused()) {
            if (format == Format.json) {
                out.print(PlanJsonWriter.render(result, input.plan.toString()));
                out.flush();
            }
            err.print(PlanRefusalText.render(result.refusal(), input.plan.toString(), Ansi.forTerminal()));
            err.flush();
            return ExitCode.UNSAFE;
        }
        if (output != null) {
            List<Path> inputs = new ArrayList<>(OutputFile.inputsOf(loaded.inventory()));
            inputs.add(input.plan);
            if (format == Format.yaml) {
                OutputFile.writeBytes(output, inputs, bytes -> PlanYamlWriter.write(result, inventoryRef(inv), bytes));
            } else {
                OutputFile.write(output, inputs, w -> render(result, loaded, inv, w));
            }
        } else if (format == Format.yaml && out instanceof StdoutWriter stdout) {
            // 9 MB of YAML for 50,000 hosts: written as bytes, not widened to chars and encoded back.
            OutputStream bytes = stdout.bytes();
            PlanYamlWriter.write(result, inventoryRef(inv), bytes);
            bytes.flush();
        } else {
            render(result, loaded, inv, out);
            out.flush();
        }
        err.println(result.summary());
        for (String why : result.aboveBound()) {
            err.println("  above the bound: " + why);
        }
        for (String change : WrittenFailovers.changes(loaded.plan(), result)) {
            err.println("  " + change);
        }
        err.flush();
        return ExitCode.OK;
    }

    /** The inventory to plan against: as declared, or with {@code --live} as the cluster really is. */
    Inventory inventoryFor(LoadedPlan loaded) {
        return live ? LiveValidation.liveInventory(loaded.inventory(), spec.commandLine().getErr()) : loaded.inventory();
    }

    private String inventoryRef(Inventory inv) {
        return PlanYamlWriter.inventoryRef(inv.file(), output, input.plan.toString());
    }

    private void render(PlanResult result, LoadedPlan loaded, Inventory inv, Writer w) throws IOException {
        switch (format) {
            case yaml -> PlanYamlWriter.write(result, inventoryRef(inv), w);
            case json -> w.write(PlanJsonWriter.render(result, input.plan.toString()));
            case mermaid -> w.write(MermaidWriter.render(PlanGraph.of(result)));
            case summary -> w.write(PlanSummaryWriter.render(result));
        }
    }
}
