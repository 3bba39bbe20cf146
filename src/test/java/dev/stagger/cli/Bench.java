package dev.stagger.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The planner benchmark, outside the product: {@code mvn -q -DskipTests package} compiles it with
 * the tests, and {@code java -cp "target/stagger/lib/*:target/test-classes" dev.stagger.cli.Bench
 * --hosts 1000,10000,50000} runs it against the packaged jars.
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(out);
        cli.setErr(err);
        ErrorHandler handler = new ErrorHandler(java.util.Arrays.asList(args).contains("--verbose"));
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
