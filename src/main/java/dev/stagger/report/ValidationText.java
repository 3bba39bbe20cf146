package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Severity;
import dev.stagger.model.TerminalText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Human output of {@code validate}: findings grouped by the first step they involve, each line in
 * the compilers' {@code file:line:col: error: message} form so editors can jump to it, with its fix.
 */
public final class ValidationText {
    private ValidationText() {
    }

    public static String render(Validation v, Ansi ansi) {
        Map<String, List<Diagnostic>> byStep = new LinkedHashMap<>();
        for (Diagnostic d : v.diagnostics()) {
            String group = Validation.stepOf(d);
            byStep.computeIfAbsent(group, k -> new ArrayList<>()).add(d);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Diagnostic>> e : byStep.entrySet()) {
            String title = e.getKey().isEmpty() ? "inventory" : "step " + TerminalText.escape(e.getKey());
            sb.append(ansi.bold(title)).append('\n');
            for (Diagnostic d : e.getValue()) {
                String label = v.isSuppressed(d) ? "suppressed " + d.severity().label()
                        : d.severity() == Severity.ERROR ? ansi.red("error") : ansi.yellow("warning");
                sb.append("  ").append(TerminalText.escape(d.position().toString())).append(": ").append(label)
                        .append(": [").append(d.rule()).append("] ").append(TerminalText.escape(d.message())).append('\n');
                if (d.fix() != null) {
                    sb.append("      fix: ").append(TerminalText.escape(d.fix())).append('\n');
                }
                if (v.isSuppressed(d)) {
                    sb.append("      allowed: ").append(TerminalText.escape(v.suppressionReason(d))).append('\n');
                }
            }
            sb.append('\n');
        }
        sb.append(summary(v, ansi)).append('\n');
        return sb.toString();
    }

    /**
     * Several plans, one after another, then one line for all of them. A plan that could not be
     * checked gets one line here; its input errors go to stderr, located, like a compiler's.
     */
    public static String render(List<Validation> all, Ansi ansi) {
        StringBuilder sb = new StringBuilder();
        int safe = 0;
        int unsafe = 0;
        int invalid = 0;
        for (Validation v : all) {
            if (v.badInput()) {
                invalid++;
                sb.append(ansi.red("INVALID")).append(": ").append(TerminalText.escape(v.planFile())).append(": ")
                        .append(v.errors()).append(plural(" error", v.errors()))
                        .append(" in the input (on stderr); not checked\n\n");
                continue;
            }
            if (v.safe()) {
                safe++;
            } else {
                unsafe++;
            }
            sb.append(render(v, ansi)).append('\n');
        }
        sb.append(all.size()).append(" plans: ").append(safe).append(" safe, ").append(unsafe).append(" unsafe, ")
                .append(invalid).append(" not checked (bad input)\n");
        return sb.toString();
    }

    static String summary(Validation v, Ansi ansi) {
        String counts = v.errors() + plural(" error", v.errors()) + ", " + v.warnings()
                + plural(" warning", v.warnings()) + " in " + v.stepIds().size()
                + plural(" step", v.stepIds().size())
                + (v.suppressedCount() == 0 ? "" : " (" + v.suppressedCount() + " suppressed)");
        if (v.safe()) {
            return ansi.green("SAFE") + ": " + TerminalText.escape(v.planFile()) + ": " + counts;
        }
        String why = v.errors() == 0 ? " (warnings fail under --strict)" : "";
        return ansi.red("UNSAFE") + ": " + TerminalText.escape(v.planFile()) + ": " + counts + why;
    }

    private static String plural(String word, long n) {
        return n == 1 ? word : word + "s";
    }
}
