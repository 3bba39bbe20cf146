package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.plan.Edge;
import dev.stagger.plan.PlanResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code plan --format json}: the SPEC fields ({@code steps} with id, action, targets, after;
 * {@code waves}, {@code failovers}, {@code lower_bound}) plus why each edge and failover was added.
 */
public final class PlanJsonWriter {
    private PlanJsonWriter() {
    }

    public static String render(PlanResult r, String planFile) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plan", planFile);
        root.put("safe", !r.isRefused());
        if (r.isRefused()) {
            root.put("violations", r.refusal().stream().map(PlanJsonWriter::violation).toList());
            root.put("lower_bound", bounds(r));
            return Json.write(root);
        }
        List<Object> steps = new ArrayList<>();
        for (Step s : r.plan().steps()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", s.id());
            o.put("action", s.action().keyword());
            o.put("targets", s.targets().stream().map(Object::toString).toList());
            o.put("after", s.after());
            if (s.action() instanceof StepAction.Failover f) {
                o.put("service", f.service());
                o.put("to", f.to() == null ? null : f.to().toString());
                if (f.shard() != null) {
                    o.put("shard", f.shard().toString());
                }
            }
            o.put("wave", r.waveOf().get(s.id()));
            if (r.inserted().containsKey(s.id())) {
                o.put("added", r.inserted().get(s.id()));
            }
            steps.add(o);
        }
        root.put("steps", steps);
        root.put("waves", r.waves());
        root.put("failovers", r.failovers());
        root.put("lower_bound", bounds(r));
        root.put("above_bound", r.aboveBound());
        List<Object> added = new ArrayList<>();
        for (Map.Entry<String, String> e : r.inserted().entrySet()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", "failover");
            o.put("step", e.getKey());
            o.put("reason", e.getValue());
            added.add(o);
        }
        for (Map.Entry<Edge, String> e : r.addedEdges().entrySet()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("kind", "edge");
            o.put("from", e.getKey().from());
            o.put("to", e.getKey().to());
            o.put("reason", e.getValue());
            added.add(o);
        }
        root.put("added", added);
        return Json.write(root);
    }

    private static Map<String, Object> bounds(PlanResult r) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("waves", r.bounds().waves());
        b.put("failovers", r.bounds().failovers());
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("waves", r.bounds().wavesWhy());
        why.put("failovers", r.bounds().failoversWhy());
        b.put("why", why);
        return b;
    }

    private static Map<String, Object> violation(Diagnostic d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("rule", d.rule());
        v.put("severity", d.severity().label());
        v.put("steps", d.steps());
        v.put("subject", d.subject());
        v.put("message", d.message());
        v.put("file", d.position().file());
        v.put("line", d.position().line());
        v.put("column", d.position().column());
        v.put("fix", d.fix());
        return v;
    }
}
