package dev.stagger.report;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.plan.PlanResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan's dependency graph ready to draw: steps with their wave, edges with the planner's reason
 * when it added them. Built from a plan as written or from the planner's result.
 */
public record PlanGraph(String name, List<Vertex> vertices, List<Arc> arcs) {

    /** @param reason why the planner inserted it; null for a written step */
    public record Vertex(String id, String label, boolean failover, int wave, String reason) {
        public boolean inserted() {
            return reason != null;
        }
    }

    /** @param reason why the planner added it; null for a written edge */
    public record Arc(String from, String to, String reason) {
        public boolean added() {
            return reason != null;
        }
    }

    public static PlanGraph of(PlanResult r) {
        List<Vertex> vs = new ArrayList<>();
        List<Arc> as = new ArrayList<>();
        for (Step s : r.plan().steps()) {
            vs.add(new Vertex(s.id(), describe(s), s.isFailover(), r.waveOf().get(s.id()), r.inserted().get(s.id())));
            for (String a : s.after()) {
                as.add(new Arc(a, s.id(), r.reasonFor(a, s.id())));
            }
        }
        return new PlanGraph(r.plan().name(), vs, as);
    }

    /** The graph as written: sequence order's implied edges included, nothing marked as added. */
    public static PlanGraph written(StepGraph g) {
        List<Vertex> vs = new ArrayList<>();
        List<Arc> as = new ArrayList<>();
        Map<String, Integer> depth = new HashMap<>();
        for (Step s : g.steps()) {
            int d = 0;
            for (String p : g.directPredecessors(s)) {
                d = Math.max(d, depth.get(p));
                as.add(new Arc(p, s.id(), null));
            }
            int own = d + (s.isMaintenance() ? 1 : 0);
            depth.put(s.id(), own);
            vs.add(new Vertex(s.id(), describe(s), s.isFailover(), s.isFailover() ? own + 1 : own, null));
        }
        return new PlanGraph(g.plan().name(), vs, as);
    }

    /** {@code maintain app1, app2} or {@code failover cache to app2:6379}. */
    static String describe(Step s) {
        if (s.action() instanceof StepAction.Failover f) {
            return f.describe();
        }
        List<String> t = s.targets().stream().map(Object::toString).toList();
        return s.action().keyword() + " " + String.join(", ", t);
    }

    public int waves() {
        return vertices.stream().filter(v -> !v.failover()).mapToInt(Vertex::wave).max().orElse(0);
    }
}
