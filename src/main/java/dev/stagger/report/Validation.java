package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import java.util.List;
import java.util.Map;

/**
 * What {@code validate} found for one plan: the input to every output format.
 *
 * @param planFile   the plan file as the user named it
 * @param stepIds    every step checked, in plan order (for per-step output such as junit)
 * @param rules      every rule that was checked (for junit, which reports passing rules too)
 * @param strict     warnings count as failures
 * @param suppressed findings accepted by an inline suppression, with its reason: reported, never failing
 */
public record Validation(String planFile, String planName, List<String> stepIds, List<String> rules,
                         List<Diagnostic> diagnostics, boolean strict, Map<Diagnostic, String> suppressed) {

    public Validation(String planFile, String planName, List<String> stepIds, List<String> rules,
                      List<Diagnostic> diagnostics, boolean strict) {
        this(planFile, planName, stepIds, rules, diagnostics, strict, Map.of());
    }

    /** The input errors of a plan that could not be checked, as findings of rule {@code input}. */
    public static Validation ofInputErrors(String planFile, String planName, List<Diagnostic> errors) {
        return new Validation(planFile, planName, List.of(), List.of(Diagnostic.INPUT), errors, false);
    }

    public long errors() {
        return diagnostics.stream().filter(d -> d.isError() && !isSuppressed(d)).count();
    }

    public long warnings() {
        return diagnostics.stream().filter(d -> !d.isError() && !isSuppressed(d)).count();
    }

    public long suppressedCount() {
        return diagnostics.stream().filter(this::isSuppressed).count();
    }

    public boolean isSuppressed(Diagnostic d) {
        return suppressed.containsKey(d);
    }

    /** Why a suppressed finding was accepted; null when it is not suppressed. */
    public String suppressionReason(Diagnostic d) {
        return suppressed.get(d);
    }

    /** Counts as a failure: an error, or a warning under {@code --strict}, unless suppressed. */
    public boolean fails(Diagnostic d) {
        return !isSuppressed(d) && (d.isError() || strict);
    }

    public boolean safe() {
        return diagnostics.stream().noneMatch(this::fails);
    }

    /** The plan could not be checked: its findings are input errors. */
    public boolean badInput() {
        return diagnostics.stream().anyMatch(d -> Diagnostic.INPUT.equals(d.rule()));
    }

    public int exitCode() {
        return badInput() ? ExitCode.BAD_INPUT : safe() ? ExitCode.OK : ExitCode.UNSAFE;
    }

    /** The worst exit code of several plans: bad input over unsafe over safe. */
    public static int exitCode(List<Validation> all) {
        return all.stream().mapToInt(Validation::exitCode).max().orElse(ExitCode.OK);
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
