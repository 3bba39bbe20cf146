package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code validate --format sarif}: SARIF 2.1.0, one run for every plan checked, so GitHub code
 * scanning (and other SARIF viewers) show each finding on its line. Suppressed findings stay in the
 * log with an in-source suppression and its reason, which code scanning lists as dismissed.
 */
public final class ValidationSarif {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private ValidationSarif() {
    }

    /** @param version the tool version for {@code tool.driver.version} */
    public static String render(List<Validation> all, String version) {
        Set<String> ruleIds = new LinkedHashSet<>();
        for (Validation v : all) {
            ruleIds.addAll(v.rules());
            v.diagnostics().forEach(d -> ruleIds.add(d.rule()));
        }
        List<String> ids = new ArrayList<>(ruleIds);
        List<Object> rules = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", id);
            rule.put("name", id);
            rule.put("shortDescription", Map.of("text", RuleDescriptions.of(id)));
            rules.add(rule);
        }
        List<Object> results = new ArrayList<>();
        for (Validation v : all) {
            for (Diagnostic d : v.diagnostics()) {
                results.add(result(v, d, ids.indexOf(d.rule())));
            }
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "stagger");
        driver.put("version", version);
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return Json.write(root);
    }

    private static Map<String, Object> result(Validation v, Diagnostic d, int ruleIndex) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ruleId", d.rule());
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(v, d));
        String text = d.fix() == null ? d.message() : d.message() + "\nfix: " + d.fix();
        r.put("message", Map.of("text", text));
        r.put("locations", List.of(Map.of("physicalLocation", location(d.position().file().isEmpty()
                ? new Position(v.planFile(), 0, 0) : d.position()))));
        if (!d.steps().isEmpty()) {
            r.put("properties", Map.of("steps", d.steps()));
        }
        if (v.isSuppressed(d)) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", "inSource");
            s.put("justification", v.suppressionReason(d));
            r.put("suppressions", List.of(s));
        }
        return r;
    }

    /**
     * error: it fails the check (an error, or a warning under --strict); warning: it does not. A
     * suppressed finding keeps its severity's level; its suppression says it was accepted.
     */
    static String level(Validation v, Diagnostic d) {
        if (v.isSuppressed(d)) {
            return d.isError() ? "error" : "warning";
        }
        return v.fails(d) ? "error" : "warning";
    }

    private static Map<String, Object> location(Position p) {
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", uri(p.file())));
        if (p.isKnown()) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", p.line());
            region.put("startColumn", Math.max(1, p.column()));
            physical.put("region", region);
        }
        return physical;
    }

    /** A relative path stays relative (code scanning resolves it against the repository root), escaped as a URI. */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        try {
            if (path.startsWith("/")) {
                return new URI("file", null, path, null).toASCIIString();
            }
            return new URI(null, null, path.startsWith("./") ? path.substring(2) : path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
