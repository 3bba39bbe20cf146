package dev.stagger.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code stagger} command. Only {@link #main} calls {@code System.exit}; everything else returns
 * an exit code, so tests drive the real command line with captured streams.
 */
@Command(name = "stagger",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Maintenance sequencing for app servers and Redis.",
        description = {
            "Refuses or reorders any step that would take down the last healthy app server or a Redis",
            "master without a completed failover."},
        subcommands = {
            ValidateCommand.class,
            PlanCommand.class,
            GraphCommand.class,
            RunCommand.class,
            StatusCommand.class,
            DiscoverCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: choose one of " + String.join(", ", spec.subcommands().entrySet().stream()
                        .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                        .map(java.util.Map.Entry::getKey).toList()));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs stagger with the given streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(CommandLine.defaultFactory(), out, err, args);
    }

    /** For tests: {@code factory} builds the commands, so a test can hand a command other parts. */
    static int execute(CommandLine.IFactory factory, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main(), factory);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Descriptions are written as lines of up to ~100 characters; narrower wrapping breaks them mid-sentence.
        cli.setUsageHelpWidth(110);
        cli.setUsageHelpAutoWidth(true);
        ErrorHandler handler = new ErrorHandler(java.util.Arrays.asList(args).contains("--verbose"));
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli.execute(args);
    }
}
