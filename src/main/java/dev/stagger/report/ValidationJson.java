package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code validate --format json}: the SPEC schema, fields always in the same order. */
public final class ValidationJson {
    private ValidationJson() {
    }

    public static String render(Validation v) {
        return Json.write(plan(v));
    }

    /**
     * Several plans: their worst outcome and counts first, then each plan as the one-plan report
     * writes it. One plan keeps the one-plan shape.
     */
    public static String render(List<Validation> all) {
        if (all.size() == 1) {
            return render(all.get(0));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("safe", all.stream().allMatch(v -> v.safe() && !v.badInput()));
        root.put("exit_code", Validation.exitCode(all));
        root.put("errors", all.stream().mapToLong(Validation::errors).sum());
        root.put("warnings", all.stream().mapToLong(Validation::warnings).sum());
        root.put("suppressed", all.stream().mapToLong(Validation::suppressedCount).sum());
        root.put("plans", all.stream().map(ValidationJson::plan).toList());
        return Json.write(root);
    }

    private static Map<String, Object> plan(Validation v) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plan", v.planFile());
        root.put("safe", v.safe());
        root.put("errors", v.errors());
        root.put("warnings", v.warnings());
        List<Object> violations = new ArrayList<>();
        for (Diagnostic d : v.diagnostics()) {
            Map<String, Object> m = violation(d);
            if (v.isSuppressed(d)) {
                // Only present when suppressed, so reports of plans without suppressions keep their shape.
                m.put("suppressed", Map.of("reason", v.suppressionReason(d)));
            }
            violations.add(m);
        }
        if (v.suppressedCount() > 0) {
            root.put("suppressed", v.suppressedCount());
        }
        root.put("violations", violations);
        return root;
    }

    static Map<String, Object> violation(Diagnostic d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", d.rule());
        m.put("severity", d.severity().label());
        m.put("steps", d.steps());
        m.put("subject", d.subject());
        m.put("message", d.message());
        m.put("file", d.position().file());
        m.put("line", d.position().line());
        m.put("column", d.position().column());
        m.put("fix", d.fix());
        return m;
    }
}
