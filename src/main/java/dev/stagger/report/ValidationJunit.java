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
        return render(List.of(v));
    }

    /** One {@code testsuite} per plan in one {@code testsuites}. */
    public static String render(List<Validation> all) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        for (Validation v : all) {
            Suite suite = suite(v);
            tests += suite.tests();
            failures += suite.failures();
            suites.append(suite.xml());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"stagger validate\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\">\n");
        sb.append(suites);
        sb.append("</testsuites>\n");
        return sb.toString();
    }

    private record Suite(String xml, int tests, int failures) {
    }

    private static Suite suite(Validation v) {
        List<String> cases = new ArrayList<>();
        int failures = 0;
        int skipped = 0;
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
                List<Diagnostic> notes = found.stream().filter(d -> !v.fails(d) && !v.isSuppressed(d)).toList();
                List<Diagnostic> accepted = found.stream().filter(v::isSuppressed).toList();
                if (failing.isEmpty() && notes.isEmpty() && accepted.isEmpty()) {
                    c.append("/>");
                } else {
                    c.append(">\n");
                    for (Diagnostic d : failing) {
                        failures++;
                        c.append("      <failure type=\"").append(attr(d.rule())).append("\" message=\"")
                                .append(attr(d.message())).append("\">").append(text(body(d)))
                                .append("</failure>\n");
                    }
                    if (failing.isEmpty() && !accepted.isEmpty()) {
                        // A check passed only because a reviewer accepted its findings: skipped, with why.
                        skipped++;
                        c.append("      <skipped message=\"").append(attr("suppressed: "
                                + v.suppressionReason(accepted.get(0)))).append("\"/>\n");
                    }
                    for (Diagnostic d : notes) {
                        c.append("      <system-out>").append(text(body(d))).append("</system-out>\n");
                    }
                    for (Diagnostic d : accepted) {
                        c.append("      <system-out>").append(text(body(d) + "\nsuppressed: "
                                + v.suppressionReason(d))).append("</system-out>\n");
                    }
                    c.append("    </testcase>");
                }
                cases.add(c.toString());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("  <testsuite name=\"").append(attr(v.planFile())).append("\" tests=\"").append(cases.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\">\n");
        for (String c : cases) {
            sb.append(c).append('\n');
        }
        sb.append("  </testsuite>\n");
        return new Suite(sb.toString(), cases.size(), failures);
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
