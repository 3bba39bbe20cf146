package dev.stagger.cli;

import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.live.LiveStatus;
import dev.stagger.live.ProbeSettings;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Durations;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.report.Ansi;
import dev.stagger.report.StatusReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status",
        header = "Probe the live cluster and show its health per service.", mixinStandardHelpOptions = true,
        description = {
            "Probe every instance of the inventory (ROLE, INFO, SENTINEL, CLUSTER NODES, health URLs)",
            "and show a table per service (each Redis Cluster shard by shard) with the live-rule",
            "findings. Exit 0 healthy, 1 if any live error."})
final class StatusCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", required = true,
            description = "The inventory to probe.")
    Path inventory;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s",
            converter = DurationConverter.class,
            description = "Connect and read timeout of each probe (default 2s); a probe slower than this is unhealthy.")
    Duration timeout;

    @Override
    public Integer call() {
        Inventory inv = InventoryLoader.load(inventory);
        LiveSnapshot snapshot = new LiveProber(ProbeSettings.DEFAULT.withTimeouts(timeout, timeout)).probe(inv);
        List<Diagnostic> findings = LiveChecker.checkCluster(inv, snapshot);
        var rows = LiveStatus.rows(inv, snapshot);
        var clusters = LiveStatus.clusters(inv, snapshot);
        String rendered = format == Format.json
                ? StatusReport.json(inv.cluster(), snapshot.at(), rows, clusters, findings)
                : StatusReport.text(inv.cluster(), rows, clusters, findings, Ansi.forTerminal());
        spec.commandLine().getOut().print(rendered);
        spec.commandLine().getOut().flush();
        return StatusReport.healthy(findings) ? ExitCode.OK : ExitCode.UNSAFE;
    }
}
