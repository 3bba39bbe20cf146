package dev.stagger.model;

import java.util.List;

/** A failure that carries its exit code and, for bad input, every diagnostic found. */
public class StaggerException extends RuntimeException {
    private final int exitCode;
    private final List<Diagnostic> diagnostics;

    public StaggerException(int exitCode, String message) {
        this(exitCode, message, List.of(), null);
    }

    public StaggerException(int exitCode, String message, Throwable cause) {
        this(exitCode, message, List.of(), cause);
    }

    public StaggerException(int exitCode, String message, List<Diagnostic> diagnostics, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public static StaggerException badInput(List<Diagnostic> diagnostics) {
        String first = diagnostics.isEmpty() ? "bad input" : diagnostics.get(0).render();
        return new StaggerException(ExitCode.BAD_INPUT, first, diagnostics, null);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
