package dev.stagger.load;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions, {@code # stagger: allow RULE -- reason}, written on a step's {@code id:} line
 * (or on its first line when it has no id). A reviewed finding is then reported as suppressed with
 * its reason instead of failing the check. The reason is required: a suppression nobody can explain
 * later is worse than the warning it hides.
 */
public final class Suppressions {
    /** {@code # stagger:} as a comment: at the start of the line or after a blank. */
    private static final Pattern DIRECTIVE = Pattern.compile("(?:^|\\s)#\\s*stagger:(.*)$");
    private static final Pattern ALLOW = Pattern.compile("\\s*allow\\s+([^\\s,]+(?:\\s*,\\s*[^\\s,]+)*)\\s*(?:--(.*))?");
    private static final Pattern ID_KEY = Pattern.compile("^\\s*(?:-\\s+)?[\"']?id[\"']?\\s*:");
    private static final String FORM = "`# stagger: allow RULE -- reason`";

    /**
     * One suppression: findings of {@code rule} that involve any of {@code steps} are accepted.
     *
     * @param steps the ids of the step it is written on (every step a {@code rolling} step expands to)
     */
    public record Suppression(String rule, String reason, List<String> steps, Position position) {
        /**
         * A finding of its rule that involves one of its steps; a finding about the whole inventory
         * (no steps, e.g. {@code cluster-dc-majority}) can only be accepted on some step of the plan.
         */
        public boolean covers(Diagnostic d) {
            return d.rule().equals(rule) && (d.steps().isEmpty() || d.steps().stream().anyMatch(steps::contains));
        }
    }

    private Suppressions() {
    }

    /**
     * @param rules every rule id a plan may suppress
     * @throws StaggerException exit 2 for a suppression without a reason, of an unknown rule, or not on a step
     */
    public static List<Suppression> find(String text, String file, List<Step> steps, Collection<String> rules) {
        return find(text, file, steps, () -> rules);
    }

    /** @param rules asked for only when the plan has a suppression (the live rules cost class loading) */
    public static List<Suppression> find(String text, String file, List<Step> steps,
                                         Supplier<? extends Collection<String>> ruleIds) {
        if (!text.contains("stagger:")) {
            return List.of();
        }
        Collection<String> rules = ruleIds.get();
        // The steps by the line they start on; a rolling step's expansions share their line.
        TreeMap<Integer, List<String>> byLine = new TreeMap<>();
        for (Step s : steps) {
            if (s.position().isKnown() && s.position().file().equals(file)) {
                byLine.computeIfAbsent(s.position().line(), k -> new ArrayList<>()).add(s.id());
            }
        }
        String[] lines = text.split("\r?\n", -1);
        List<Suppression> found = new ArrayList<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            int line = i + 1;
            int hash = lines[i].indexOf('#', m.start());
            Position at = new Position(file, line, hash + 1);
            Matcher allow = ALLOW.matcher(m.group(1));
            if (!allow.matches()) {
                errors.add(new Diagnostic(at, dev.stagger.model.Severity.ERROR, Diagnostic.INPUT, List.of(), null,
                        "not a suppression stagger understands: write " + FORM, null));
                continue;
            }
            String reason = allow.group(2) == null ? "" : allow.group(2).strip();
            List<String> named = Arrays.stream(allow.group(1).split(",")).map(String::strip).toList();
            boolean ok = true;
            for (String rule : named) {
                if (!rules.contains(rule)) {
                    int col = lines[i].indexOf(rule, hash) + 1;
                    errors.add(Diagnostic.inputError(new Position(file, line, col),
                            Suggest.unknown("rule", rule, rules)));
                    ok = false;
                }
            }
            if (reason.isEmpty()) {
                errors.add(new Diagnostic(at, dev.stagger.model.Severity.ERROR, Diagnostic.INPUT, List.of(), null,
                        "the suppression of " + String.join(", ", named) + " gives no reason: write " + FORM
                                + " so the next reviewer knows why it is accepted", null));
                ok = false;
            }
            List<String> on = stepsOn(line, lines, byLine);
            if (on.isEmpty()) {
                errors.add(new Diagnostic(at, dev.stagger.model.Severity.ERROR, Diagnostic.INPUT, List.of(), null,
                        "a suppression belongs on a step's `id:` line (or on the step's first line when it has no id);"
                                + " this line starts no step", null));
                ok = false;
            }
            if (ok) {
                for (String rule : named) {
                    found.add(new Suppression(rule, reason, on, at));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw StaggerException.badInput(errors);
        }
        return found;
    }

    /** The step whose first line, or whose {@code id:} line, this is; empty for any other line. */
    private static List<String> stepsOn(int line, String[] lines, TreeMap<Integer, List<String>> byLine) {
        var start = byLine.floorEntry(line);
        if (start == null) {
            return List.of();
        }
        if (start.getKey() == line) {
            return start.getValue();
        }
        return ID_KEY.matcher(lines[line - 1]).find() ? start.getValue() : List.of();
    }
}
