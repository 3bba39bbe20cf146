package dev.stagger.report;

/**
 * The graph in Graphviz DOT: written steps as boxes, inserted failovers as red dashed hexagons,
 * written edges solid, added edges red and dashed, labelled with why the planner added them.
 */
public final class DotWriter {
    /** Graphs with more added edges than this carry the reasons as tooltips, not labels. */
    static final int LABELLED_EDGES = 12;

    private DotWriter() {
    }

    public static String render(PlanGraph g) {
        StringBuilder sb = new StringBuilder("digraph ");
        sb.append(quote(g.name())).append(" {\n");
        sb.append("  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (PlanGraph.Vertex v : g.vertices()) {
            sb.append("  ").append(quote(v.id())).append(" [label=")
                    .append(quote(v.id() + "\n" + v.label() + "\nwave " + v.wave()));
            if (v.failover()) {
                sb.append(", shape=hexagon");
            }
            if (v.inserted()) {
                sb.append(", style=dashed, color=red, tooltip=").append(quote("added: " + v.reason()));
            }
            sb.append("];\n");
        }
        // One rank per wave: the waves read top to bottom, each on its own row (failovers sit between).
        java.util.Map<Integer, java.util.List<String>> byWave = new java.util.TreeMap<>();
        for (PlanGraph.Vertex v : g.vertices()) {
            if (v.failover()) {
                continue;
            }
            byWave.computeIfAbsent(v.wave(), k -> new java.util.ArrayList<>()).add(quote(v.id()));
        }
        for (java.util.List<String> rank : byWave.values()) {
            sb.append("  { rank=same; ").append(String.join("; ", rank)).append("; }\n");
        }
        // Many labelled edges make a graph too wide to read: past a few, the reasons become tooltips.
        boolean labels = g.arcs().stream().filter(PlanGraph.Arc::added).count() <= LABELLED_EDGES;
        for (PlanGraph.Arc a : g.arcs()) {
            sb.append("  ").append(quote(a.from())).append(" -> ").append(quote(a.to()));
            if (a.added()) {
                sb.append(" [style=dashed, color=red, ").append(labels ? "label=" : "tooltip=").append(quote(a.reason())).append(']');
            }
            sb.append(";\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
