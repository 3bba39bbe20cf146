package dev.stagger.cli;

import dev.stagger.bench.DcFleet;
import dev.stagger.bench.FleetGenerator;
import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.LoadedPlan;
import dev.stagger.load.PlanLoader;
import dev.stagger.plan.PlanOptions;
import dev.stagger.plan.PlanPhases;
import dev.stagger.plan.PlanResult;
import dev.stagger.plan.Planner;
import dev.stagger.report.PlanYamlWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
        description = {
            "Benchmark the planner on generated fleets (hosts over 3 DCs, app pools, Redis groups with",
            "sentinels, everything maintained with rolling: \"*\"): write the files, load them, plan, write",
            "the YAML to a null sink, validate the result; print each phase's time (the plan's split into",
            "analysis, scheduling and result timed again, warm), peak heap, waves and failovers against the bounds.",
            "With --write DIR, write DIR/inventory.yaml and DIR/plan.yaml for one size instead."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hosts", split = ",", paramLabel = "N", defaultValue = "1000,10000,50000",
            description = "Fleet sizes (default 1000,10000,50000).")
    List<Integer> sizes;

    @Option(names = "--write", paramLabel = "DIR", description = "Write the fleet of the first size as files here.")
    Path write;

    @Option(names = "--no-check", description = "Skip validating the planned graph with the checker.")
    boolean noCheck;

    @Option(names = "--dcs", paramLabel = "D", description = {
        "Use the fleet laid out by data centre (issue 12): D DCs, pools and Redis groups with one",
        "instance per DC, masters in DCs 1..D-1; --hosts counts all hosts."})
    Integer dcs;

    @Option(names = "--masters-everywhere", description = "With --dcs: masters in every DC.")
    boolean mastersEverywhere;

    @Option(names = "--seed", defaultValue = "1", description = "With --dcs: the seed (default 1).")
    long seed;

    private LoadedPlan fleet(int n) {
        return dcs == null ? FleetGenerator.generate(n) : DcFleet.generate(dcs, Math.max(1, n / dcs), seed, mastersEverywhere);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (int n : sizes) {
            if (n < 1 || n > 1_000_000) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--hosts takes fleet sizes from 1 to 1000000, not " + n);
            }
        }
        if (write != null) {
            LoadedPlan fleet = fleet(sizes.get(0));
            Files.createDirectories(write);
            Files.writeString(write.resolve("inventory.yaml"), FleetGenerator.inventoryYaml(fleet.inventory()));
            Files.writeString(write.resolve("plan.yaml"), FleetGenerator.planYaml());
            out.println("wrote " + write.resolve("inventory.yaml") + " and " + write.resolve("plan.yaml") + " ("
                    + fleet.inventory().hosts().size() + " hosts)");
            out.flush();
            return ExitCode.OK;
        }
        out.printf("%8s %8s %7s %7s %8s %7s %7s %7s %8s %8s %9s %12s %15s %6s%n", "hosts", "steps", "gen ms", "load ms",
                "plan ms", "analys", "sched", "result", "write ms", "check ms", "heap MiB", "waves/bound", "failovers/bound",
                "valid");
        boolean allGood = true;
        Path dir = Files.createTempDirectory("stagger-bench");
        for (int n : sizes) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            LoadedPlan generated = fleet(n);
            long genMs = (System.nanoTime() - t0) / 1_000_000;
            // Planned from the files, as `stagger plan` reads them: the YAML loading is part of the figure.
            Files.writeString(dir.resolve("inventory.yaml"), FleetGenerator.inventoryYaml(generated.inventory()));
            Files.writeString(dir.resolve("plan.yaml"), FleetGenerator.planYaml());
            generated = null;
            t0 = System.nanoTime();
            LoadedPlan fleet = PlanLoader.load(dir.resolve("plan.yaml"), null);
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            PlanResult r = Planner.plan(fleet, PlanOptions.DEFAULT);
            long planMs = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            if (!r.isRefused()) {
                PlanYamlWriter.write(r, "inventory.yaml", Writer.nullWriter());
            }
            long writeMs = (System.nanoTime() - t0) / 1_000_000;
            String valid = "skipped";
            long checkMs = 0;
            if (!noCheck && !r.isRefused()) {
                long t1 = System.nanoTime();
                valid = validate(fleet, r);
                checkMs = (System.nanoTime() - t1) / 1_000_000;
            }
            long heap = peakHeapMiB();
            // The split, timed again (warm) part by part: the first strategy, the one that meets the bounds here.
            PlanPhases.Timing split = PlanPhases.time(fleet);
            out.printf("%8d %8d %7d %7d %8d %7d %7d %7d %8d %8d %9d %12s %15s %6s%n", fleet.inventory().hosts().size(),
                    r.isRefused() ? 0 : r.plan().steps().size(), genMs, loadMs, planMs, split.analysisMs(),
                    split.schedulingMs(), split.resultMs(), writeMs, checkMs, heap,
                    r.waves() + "/" + r.bounds().waves(), r.failovers() + "/" + r.bounds().failovers(), valid);
            out.flush();
            allGood &= !r.isRefused() && r.waves() == r.bounds().waves() && r.failovers() == r.bounds().failovers()
                    && !"no".equals(valid);
        }
        Files.deleteIfExists(dir.resolve("inventory.yaml"));
        Files.deleteIfExists(dir.resolve("plan.yaml"));
        Files.deleteIfExists(dir);
        return allGood ? ExitCode.OK : ExitCode.UNSAFE;
    }

    private static String validate(LoadedPlan fleet, PlanResult r) {
        try {
            List<Diagnostic> found = Checker.check(fleet.inventory(), StepGraph.of(r.plan()));
            return found.stream().anyMatch(Diagnostic::isError) ? "no" : "yes";
        } catch (UnsupportedOperationException e) {
            return "n/a";
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024 * 1024);
    }
}
