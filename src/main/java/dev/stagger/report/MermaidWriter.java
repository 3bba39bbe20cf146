package dev.stagger.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Mermaid flowchart drawn wave by wave: one subgraph per wave (a failover sits in the wave of the
 * step it clears the way for); inserted failovers and added edges are dashed and labelled with why.
 */
public final class MermaidWriter {
    private MermaidWriter() {
    }

    public static String render(PlanGraph g) {
        StringBuilder sb = new StringBuilder("flowchart TB\n");
        Map<String, String> ids = new HashMap<>();
        Map<Integer, List<PlanGraph.Vertex>> byWave = new TreeMap<>();
        for (PlanGraph.Vertex v : g.vertices()) {
            ids.put(v.id(), "s" + ids.size());
            byWave.computeIfAbsent(Math.max(1, v.wave()), k -> new ArrayList<>()).add(v);
        }
        List<String> inserted = new ArrayList<>();
        for (Map.Entry<Integer, List<PlanGraph.Vertex>> e : byWave.entrySet()) {
            sb.append("  subgraph wave").append(e.getKey()).append("[\"wave ").append(e.getKey()).append("\"]\n");
            for (PlanGraph.Vertex v : e.getValue()) {
                String text = label(v.id() + "<br/>" + v.label() + (v.inserted() ? "<br/><i>" + v.reason() + "</i>" : ""));
                sb.append("    ").append(ids.get(v.id()))
                        .append(v.failover() ? "{{\"" : "[\"").append(text).append(v.failover() ? "\"}}" : "\"]").append('\n');
                if (v.inserted()) {
                    inserted.add(ids.get(v.id()));
                }
            }
            sb.append("  end\n");
        }
        for (PlanGraph.Arc a : g.arcs()) {
            sb.append("  ").append(ids.get(a.from()));
            if (a.added()) {
                sb.append(" -. \"").append(label(a.reason())).append("\" .-> ");
            } else {
                sb.append(" --> ");
            }
            sb.append(ids.get(a.to())).append('\n');
        }
        if (!inserted.isEmpty()) {
            sb.append("  classDef inserted stroke:#d9534f,stroke-width:2px,stroke-dasharray:5 5\n");
            sb.append("  class ").append(String.join(",", inserted)).append(" inserted\n");
        }
        return sb.toString();
    }

    /** Mermaid labels are double-quoted; a quote inside is written as an entity. */
    private static String label(String s) {
        return s.replace("\"", "#quot;").replace('\n', ' ');
    }
}
