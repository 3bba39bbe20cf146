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
 * @param quotable whether the line it points at may be shown: false for a file that did not parse as a
 *                 YAML document of ours (a password file named as an inventory must never be echoed)
 */
public record Diagnostic(
        Position position,
        Severity severity,
        String rule,
        List<String> steps,
        String subject,
        String message,
        String fix,
        boolean quotable) {

    public Diagnostic(Position position, Severity severity, String rule, List<String> steps, String subject,
                      String message, String fix) {
        this(position, severity, rule, steps, subject, message, fix, true);
    }

    /** The same finding as a warning: reported, but accepted by the operator's flag. */
    public Diagnostic asWarning() {
        return new Diagnostic(position, Severity.WARNING, rule, steps, subject, message, fix, quotable);
    }

    /** The same finding, pointing at its line without showing it. */
    public Diagnostic unquotable() {
        return new Diagnostic(position, severity, rule, steps, subject, message, fix, false);
    }

    public static final String INPUT = "input";

    public static Diagnostic inputError(Position position, String message) {
        return new Diagnostic(position, Severity.ERROR, INPUT, List.of(), null, message, null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message}, safe for a terminal (control characters escaped). */
    public String render() {
        return TerminalText.escape(position + ": " + severity.label() + ": " + message);
    }
}
