package dev.stagger.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
            "master without a completed failover."})
public final class Main implements Callable<Integer> {
    /**
     * Every command, in the order help lists them. Not in the annotation: picocli would build every
     * command's model (and load its classes) at each start; {@link #commandLine} builds only the
     * invoked one when that is all the invocation can need.
     */
    private static final Map<String, Class<?>> COMMANDS = commands();

    /** Commands that read the whole command tree: help lists it, completion writes it out. */
    private static final Set<String> NEED_ALL = Set.of("help", "completion");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: choose one of " + String.join(", ", spec.subcommands().entrySet().stream()
                        .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                        .map(Map.Entry::getKey).toList()));
    }

    public static void main(String[] args) {
        PrintWriter out = new StdoutWriter(System.out);
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
        CommandLine cli = commandLine(factory, args);
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

    /**
     * The command line for {@code args}: when the first argument names a command, that command alone
     * (with {@code stagger} as its parent, so usage and errors read the same); for {@code --version}
     * alone, none; otherwise, and for help and completion, every command.
     */
    static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
        CommandLine cli = new CommandLine(new Main(), factory);
        String first = args.length > 0 ? args[0] : "";
        if (args.length == 1 && (first.equals("--version") || first.equals("-V"))) {
            return cli;
        }
        boolean onlyFirst = COMMANDS.containsKey(first) && !NEED_ALL.contains(first);
        COMMANDS.forEach((name, type) -> {
            if (!onlyFirst || name.equals(first)) {
                cli.addSubcommand(name, type);
            }
        });
        return cli;
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("validate", ValidateCommand.class);
        m.put("plan", PlanCommand.class);
        m.put("graph", GraphCommand.class);
        m.put("run", RunCommand.class);
        m.put("status", StatusCommand.class);
        m.put("discover", DiscoverCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }
}
