package dev.stagger.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the real command line with captured streams. {@link #toString()} shows both streams,
 * so a failed assertion says what stagger printed.
 */
public record CliResult(int exitCode, String out, String err) {

    public static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliResult(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
