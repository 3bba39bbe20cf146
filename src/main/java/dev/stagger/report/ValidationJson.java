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
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plan", v.planFile());
        root.put("safe", v.safe());
        root.put("errors", v.errors());
        root.put("warnings", v.warnings());
        List<Object> violations = new ArrayList<>();
        for (Diagnostic d : v.diagnostics()) {
            violations.add(violation(d));
        }
        root.put("violations", violations);
        return Json.write(root);
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
