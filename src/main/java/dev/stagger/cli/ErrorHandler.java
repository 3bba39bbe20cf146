package dev.stagger.cli;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import dev.stagger.model.TerminalText;
import dev.stagger.report.Ansi;
import dev.stagger.report.InputErrors;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place failures become output and exit codes: a {@link StaggerException} prints its
 * diagnostics and carries its code; bad flags are exit 2 with a pointer to --help; anything else is
 * an internal error, one line (the stack trace only with --verbose).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final boolean verbose;

    ErrorHandler(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof StaggerException se) {
            if (!se.diagnostics().isEmpty()) {
                err.print(InputErrors.render(se.diagnostics(), Ansi.forTerminal()));
                long n = se.diagnostics().stream().filter(d -> d.isError()).count();
                if (se.exitCode() == ExitCode.BAD_INPUT) {
                    boolean acts = "run".equals(cmd.getCommandSpec().name());
                    err.println("stagger: " + n + (n == 1 ? " error" : " errors") + " in the input; nothing was "
                            + (acts ? "done" : "checked"));
                }
            } else {
                // Messages quote paths, flag values and what peers answered: nothing raw reaches the terminal.
                err.println("stagger: " + TerminalText.escape(se.getMessage()));
            }
            traceIfVerbose(err, ex);
            err.flush();
            return se.exitCode();
        }
        err.println("stagger: internal error: " + ex
                + (verbose ? "" : " (run again with --verbose for the stack trace)"));
        traceIfVerbose(err, ex);
        err.flush();
        return ExitCode.RUN_FAILED;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("stagger: " + TerminalText.escape(ex.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        traceIfVerbose(err, ex);
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    private void traceIfVerbose(PrintWriter err, Exception ex) {
        if (verbose) {
            ex.printStackTrace(err);
        }
    }
}
