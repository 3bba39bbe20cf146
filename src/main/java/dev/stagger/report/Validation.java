package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import java.util.List;

/**
 * What {@code validate} found for one plan: the input to every output format.
 *
 * @param planFile the plan file as the user named it
 * @param stepIds  every step checked, in plan order (for per-step output such as junit)
 * @param rules    every rule that was checked (for junit, which reports passing rules too)
 * @param strict   warnings count as failures
 */
public record Validation(String planFile, String planName, List<String> stepIds, List<String> rules,
                         List<Diagnostic> diagnostics, boolean strict) {

    public long errors() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warnings() {
        return diagnostics.size() - errors();
    }

    /** Counts as a failure: an error, or a warning under {@code --strict}. */
    public boolean fails(Diagnostic d) {
        return d.isError() || strict;
    }

    public boolean safe() {
        return diagnostics.stream().noneMatch(this::fails);
    }

    public int exitCode() {
        return safe() ? ExitCode.OK : ExitCode.UNSAFE;
    }

    /**
     * The step a finding is filed under: the one it is located at. Checkers locate a finding at
     * the last of its steps in plan order (the step that, written later, completes the unsafe set),
     * so the text and JUnit reports put it where {@code file:line:col} points. Empty for the inventory.
     */
    public static String stepOf(Diagnostic d) {
        return d.steps().isEmpty() ? "" : d.steps().get(d.steps().size() - 1);
    }
}
