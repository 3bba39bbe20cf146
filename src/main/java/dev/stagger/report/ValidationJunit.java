package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.TerminalText;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate --format junit}: one test case per step and rule, so CI systems list every check
 * and show the failing ones with their message, location and fix.
 */
public final class ValidationJunit {
    private static final String INVENTORY = "inventory";

    private ValidationJunit() {
    }

    public static String render(Validation v) {
        List<String> cases = new ArrayList<>();
        int failures = 0;
        List<String> subjects = new ArrayList<>(v.stepIds());
        subjects.add(INVENTORY);
        for (String step : subjects) {
            for (String rule : v.rules()) {
                List<Diagnostic> found = v.diagnostics().stream()
                        .filter(d -> d.rule().equals(rule) && firstStep(d).equals(step))
                        .toList();
                if (step.equals(INVENTORY) && found.isEmpty()) {
                    continue;
                }
                StringBuilder c = new StringBuilder();
                c.append("    <testcase classname=\"").append(attr("stagger." + v.planName() + "." + step))
                        .append("\" name=\"").append(attr(rule)).append("\"");
                List<Diagnostic> failing = found.stream().filter(v::fails).toList();
                List<Diagnostic> notes = found.stream().filter(d -> !v.fails(d)).toList();
                if (failing.isEmpty() && notes.isEmpty()) {
                    c.append("/>");
                } else {
                    c.append(">\n");
                    for (Diagnostic d : failing) {
                        failures++;
                        c.append("      <failure type=\"").append(attr(d.rule())).append("\" message=\"")
                                .append(attr(d.message())).append("\">").append(text(body(d)))
                                .append("</failure>\n");
                    }
                    for (Diagnostic d : notes) {
                        c.append("      <system-out>").append(text(body(d))).append("</system-out>\n");
                    }
                    c.append("    </testcase>");
                }
                cases.add(c.toString());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"stagger validate\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        sb.append("  <testsuite name=\"").append(attr(v.planFile())).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        for (String c : cases) {
            sb.append(c).append('\n');
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    private static String firstStep(Diagnostic d) {
        return d.steps().isEmpty() ? INVENTORY : Validation.stepOf(d);
    }

    private static String body(Diagnostic d) {
        String s = d.render();
        return d.fix() == null ? s : s + "\nfix: " + TerminalText.escape(d.fix());
    }

    static String text(String raw) {
        // XML 1.0 cannot carry most control characters even as references: they are escaped as text.
        String s = TerminalText.escape(raw);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }
}
