package dev.stagger.model;

import java.util.List;

/**
 * One finding: an input error or a broken safety rule. Loaders and checkers collect them all
 * rather than stopping at the first.
 *
 * @param rule    the rule id ({@code min-healthy}) or {@code input} for bad input
 * @param steps   the step ids involved, in plan order (empty for input errors)
 * @param subject the service, instance or host the finding is about (may be null)
 * @param fix     a concrete change that would resolve it (may be null)
 */
public record Diagnostic(
        Position position,
        Severity severity,
        String rule,
        List<String> steps,
        String subject,
        String message,
        String fix) {

    public static final String INPUT = "input";

    public static Diagnostic inputError(Position position, String message) {
        return new Diagnostic(position, Severity.ERROR, INPUT, List.of(), null, message, null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message}. */
    public String render() {
        return position + ": " + severity.label() + ": " + message;
    }
}
