package dev.stagger.graph;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Step;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The plan's steps as a DAG: an edge a→b means b starts only after a is complete. Sequence order
 * chains the steps as written; graph order uses only {@code after}. Reachability is precomputed so
 * that "may these two steps overlap?" is a constant-time question.
 */
public final class StepGraph {
    private final Plan plan;
    private final Graph<String, DefaultEdge> graph;
    private final List<Step> topological;
    private final Map<String, Integer> indexById;
    /** ancestors[i]: bit j set when step j (topological index) completes before step i starts. */
    private final BitSet[] ancestors;

    private StepGraph(Plan plan, Graph<String, DefaultEdge> graph, List<Step> topological) {
        this.plan = plan;
        this.graph = graph;
        this.topological = List.copyOf(topological);
        this.indexById = new HashMap<>();
        for (int i = 0; i < topological.size(); i++) {
            indexById.put(topological.get(i).id(), i);
        }
        this.ancestors = new BitSet[topological.size()];
        for (int i = 0; i < topological.size(); i++) {
            BitSet a = new BitSet();
            for (DefaultEdge e : graph.incomingEdgesOf(topological.get(i).id())) {
                int p = indexById.get(graph.getEdgeSource(e));
                a.set(p);
                a.or(ancestors[p]);
            }
            ancestors[i] = a;
        }
    }

    /**
     * Builds the graph of a plan whose {@code after} ids are known to exist.
     *
     * @throws StaggerException exit 2, one diagnostic per cycle naming every step on it
     */
    public static StepGraph of(Plan plan) {
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        Map<String, Step> byId = new HashMap<>();
        for (Step s : plan.steps()) {
            g.addVertex(s.id());
            byId.put(s.id(), s);
        }
        Step previous = null;
        for (Step s : plan.steps()) {
            if (plan.order() == Order.SEQUENCE && previous != null) {
                g.addEdge(previous.id(), s.id());
            }
            for (String a : s.after()) {
                if (g.containsVertex(a)) {
                    g.addEdge(a, s.id());
                }
            }
            previous = s;
        }
        List<Diagnostic> cycles = findCycles(plan, g, byId);
        if (!cycles.isEmpty()) {
            throw StaggerException.badInput(cycles);
        }
        Map<String, Integer> written = new HashMap<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            written.put(plan.steps().get(i).id(), i);
        }
        // Ties broken by the order written, so every output built on this order is deterministic.
        TopologicalOrderIterator<String, DefaultEdge> it =
                new TopologicalOrderIterator<>(g, Comparator.comparing(written::get));
        List<Step> topo = new ArrayList<>();
        it.forEachRemaining(id -> topo.add(byId.get(id)));
        return new StepGraph(plan, g, topo);
    }

    private static List<Diagnostic> findCycles(Plan plan, Graph<String, DefaultEdge> g, Map<String, Step> byId) {
        List<Diagnostic> out = new ArrayList<>();
        var inspector = new KosarajuStrongConnectivityInspector<>(g);
        Map<String, Integer> written = new HashMap<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            written.put(plan.steps().get(i).id(), i);
        }
        List<Set<String>> components = new ArrayList<>(inspector.stronglyConnectedSets());
        components.removeIf(c -> c.size() == 1 && !g.containsEdge(c.iterator().next(), c.iterator().next()));
        components.sort(Comparator.comparing(c -> c.stream().mapToInt(written::get).min().orElse(0)));
        for (Set<String> component : components) {
            List<String> ids = new ArrayList<>(component);
            ids.sort(Comparator.comparing(written::get));
            Step first = byId.get(ids.get(0));
            Position where = first.position();
            String how = plan.order() == Order.SEQUENCE
                    ? " (in sequence order each step already comes after the one above it)"
                    : "";
            out.add(new Diagnostic(where, dev.stagger.model.Severity.ERROR, "cycle", ids, null,
                    "steps " + String.join(", ", ids) + " wait for each other in a cycle" + how,
                    "remove one of the `after` entries between " + String.join(", ", ids)));
        }
        return out;
    }

    public Plan plan() {
        return plan;
    }

    /** Steps in a topological order, ties broken by the order written. */
    public List<Step> steps() {
        return topological;
    }

    public Step step(String id) {
        Integer i = indexById.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no step " + id);
        }
        return topological.get(i);
    }

    public int indexOf(Step s) {
        return indexById.get(s.id());
    }

    /** True when {@code a} is complete before {@code b} starts. */
    public boolean precedes(Step a, Step b) {
        return ancestors[indexOf(b)].get(indexOf(a));
    }

    /** Two distinct steps may be in progress together when neither precedes the other. */
    public boolean mayOverlap(Step a, Step b) {
        return !a.id().equals(b.id()) && !precedes(a, b) && !precedes(b, a);
    }

    /** Steps complete before {@code s} starts, in topological order. */
    public List<Step> ancestorsOf(Step s) {
        List<Step> out = new ArrayList<>();
        BitSet a = ancestors[indexOf(s)];
        for (int i = a.nextSetBit(0); i >= 0; i = a.nextSetBit(i + 1)) {
            out.add(topological.get(i));
        }
        return out;
    }

    /** Steps that may be in progress (or done, or not yet started) while {@code s} is in progress. */
    public List<Step> mayOverlapWith(Step s) {
        List<Step> out = new ArrayList<>();
        for (Step other : topological) {
            if (mayOverlap(s, other)) {
                out.add(other);
            }
        }
        return out;
    }

    /** Ids of the steps {@code s} waits for directly. */
    public Set<String> directPredecessors(Step s) {
        Set<String> out = new LinkedHashSet<>();
        for (DefaultEdge e : graph.incomingEdgesOf(s.id())) {
            out.add(graph.getEdgeSource(e));
        }
        return out;
    }

    /** Ids of the steps that wait for {@code s} directly. */
    public Set<String> directSuccessors(Step s) {
        Set<String> out = new LinkedHashSet<>();
        for (DefaultEdge e : graph.outgoingEdgesOf(s.id())) {
            out.add(graph.getEdgeTarget(e));
        }
        return out;
    }

    /** The number of maintenance steps on the longest chain: the plan's wave count. */
    public int waves() {
        int[] depth = new int[topological.size()];
        int best = 0;
        for (int i = 0; i < topological.size(); i++) {
            Step s = topological.get(i);
            int d = 0;
            for (DefaultEdge e : graph.incomingEdgesOf(s.id())) {
                d = Math.max(d, depth[indexById.get(graph.getEdgeSource(e))]);
            }
            depth[i] = d + (s.isMaintenance() ? 1 : 0);
            best = Math.max(best, depth[i]);
        }
        return best;
    }

    public Graph<String, DefaultEdge> jgrapht() {
        return graph;
    }
}
