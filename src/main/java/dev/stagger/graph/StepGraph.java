package dev.stagger.graph;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The plan's steps as a DAG: an edge a→b means b starts only after a is complete. Sequence order
 * chains the steps as written; graph order uses only {@code after}. {@link Reachability}'s labels
 * answer "may these two steps overlap?" without a transitive closure.
 */
public final class StepGraph {
    private final Plan plan;
    private final List<Step> topological;
    private final Map<String, Integer> indexById;
    /** writtenIndex[i]: where step i (topological index) is written in the plan. */
    private final int[] writtenIndex;
    /** predecessors[i] / successors[i]: topological indexes of the direct neighbours of step i. */
    private final int[][] predecessors;
    private final int[][] successors;
    /** Which step (topological index) completes before which starts, without an n×n closure. */
    private final Reachability reach;
    private Graph<String, DefaultEdge> jgrapht;

    private StepGraph(Plan plan, List<Step> topological, int[] writtenIndex, int[][] predecessors, int[][] successors) {
        this.plan = plan;
        this.writtenIndex = writtenIndex;
        this.topological = List.copyOf(topological);
        this.indexById = new HashMap<>();
        for (int i = 0; i < topological.size(); i++) {
            indexById.put(topological.get(i).id(), i);
        }
        this.predecessors = predecessors;
        this.successors = successors;
        this.reach = new Reachability(predecessors, successors);
    }

    /**
     * Builds the graph of a plan whose {@code after} ids are known to exist.
     *
     * <p>The hot path works on int arrays: a planner-written plan of 10,000 steps can carry a
     * million edges, and building those as JGraphT edge objects alone took seconds. JGraphT is
     * used where its algorithms earn their keep: naming the steps of every cycle, and
     * {@link #jgrapht()} for callers that want the graph as a graph.
     *
     * @throws StaggerException exit 2, one diagnostic per cycle naming every step on it
     */
    public static StepGraph of(Plan plan) {
        List<Step> written = plan.steps();
        int n = written.size();
        Map<String, Integer> writtenIndex = new HashMap<>();
        for (int i = 0; i < n; i++) {
            writtenIndex.put(written.get(i).id(), i);
        }
        int[][] preds = writtenPredecessors(plan, writtenIndex);
        int[] order = topologicalOrder(preds, n);
        if (order == null) {
            throw StaggerException.badInput(findCycles(plan, asJgrapht(written, preds)));
        }
        int[] topoOf = new int[n];
        for (int t = 0; t < n; t++) {
            topoOf[order[t]] = t;
        }
        List<Step> topo = new ArrayList<>(n);
        int[][] topoPreds = new int[n][];
        for (int t = 0; t < n; t++) {
            topo.add(written.get(order[t]));
            int[] p = preds[order[t]];
            int[] q = new int[p.length];
            for (int k = 0; k < p.length; k++) {
                q[k] = topoOf[p[k]];
            }
            Arrays.sort(q);
            topoPreds[t] = q;
        }
        return new StepGraph(plan, topo, order, topoPreds, successorsOf(topoPreds));
    }

    /** The same edges seen from their source: successors[p] lists every i with p in preds[i], ascending. */
    private static int[][] successorsOf(int[][] preds) {
        int n = preds.length;
        int[] outDegree = new int[n];
        for (int[] p : preds) {
            for (int j : p) {
                outDegree[j]++;
            }
        }
        int[][] succs = new int[n][];
        for (int i = 0; i < n; i++) {
            succs[i] = new int[outDegree[i]];
            outDegree[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            for (int p : preds[i]) {
                succs[p][outDegree[p]++] = i;
            }
        }
        return succs;
    }

    /** Direct predecessors by written index: sequence order plus {@code after}, without repeats. */
    private static int[][] writtenPredecessors(Plan plan, Map<String, Integer> writtenIndex) {
        List<Step> written = plan.steps();
        int n = written.size();
        int[][] preds = new int[n][];
        int[] seenBy = new int[n];
        Arrays.fill(seenBy, -1);
        int[] buffer = new int[Math.max(1, n)];
        for (int i = 0; i < n; i++) {
            int count = 0;
            if (plan.order() == Order.SEQUENCE && i > 0) {
                seenBy[i - 1] = i;
                buffer[count++] = i - 1;
            }
            for (String a : written.get(i).after()) {
                Integer j = writtenIndex.get(a);
                if (j != null && seenBy[j] != i) {
                    seenBy[j] = i;
                    buffer[count++] = j;
                }
            }
            preds[i] = Arrays.copyOf(buffer, count);
        }
        return preds;
    }

    /**
     * Kahn's algorithm, always taking the ready step written first, so every output built on
     * this order is deterministic. Null when a cycle leaves steps that never become ready.
     */
    private static int[] topologicalOrder(int[][] preds, int n) {
        int[] waiting = new int[n];
        for (int i = 0; i < n; i++) {
            waiting[i] = preds[i].length;
        }
        int[][] succs = successorsOf(preds);
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int done = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[done++] = i;
            for (int s : succs[i]) {
                if (--waiting[s] == 0) {
                    ready.add(s);
                }
            }
        }
        return done == n ? order : null;
    }

    private static Graph<String, DefaultEdge> asJgrapht(List<Step> steps, int[][] preds) {
        Graph<String, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        for (Step s : steps) {
            g.addVertex(s.id());
        }
        for (int i = 0; i < steps.size(); i++) {
            for (int p : preds[i]) {
                g.addEdge(steps.get(p).id(), steps.get(i).id());
            }
        }
        return g;
    }

    private static List<Diagnostic> findCycles(Plan plan, Graph<String, DefaultEdge> g) {
        Map<String, Step> byId = new HashMap<>();
        for (Step s : plan.steps()) {
            byId.put(s.id(), s);
        }
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

    /** The topological index of the step with this id, or -1 when there is none. */
    public int indexOf(String id) {
        return indexById.getOrDefault(id, -1);
    }

    /** Where the step at topological index {@code i} is written in the plan ("plan order" in reports). */
    public int writtenIndexOf(int i) {
        return writtenIndex[i];
    }

    /** True when {@code a} is complete before {@code b} starts. */
    public boolean precedes(Step a, Step b) {
        return reach.reaches(indexOf(a), indexOf(b));
    }

    /** Two distinct steps may be in progress together when neither precedes the other. */
    public boolean mayOverlap(Step a, Step b) {
        return !a.id().equals(b.id()) && !precedes(a, b) && !precedes(b, a);
    }

    /** Steps complete before {@code s} starts, in topological order. */
    public List<Step> ancestorsOf(Step s) {
        List<Step> out = new ArrayList<>();
        BitSet a = reach.ancestors(indexOf(s));
        for (int i = a.nextSetBit(0); i >= 0; i = a.nextSetBit(i + 1)) {
            out.add(topological.get(i));
        }
        return out;
    }

    /** Steps that may be in progress (or done, or not yet started) while {@code s} is in progress. */
    public List<Step> mayOverlapWith(Step s) {
        int i = indexOf(s);
        List<Step> out = new ArrayList<>();
        for (int j = 0; j < topological.size(); j++) {
            if (j != i && !reach.reaches(i, j) && !reach.reaches(j, i)) {
                out.add(topological.get(j));
            }
        }
        return out;
    }

    /** Reachability between steps by topological index (the index of {@link #steps()}). */
    public Reachability reachability() {
        return reach;
    }

    /** Ids of the steps {@code s} waits for directly. */
    public Set<String> directPredecessors(Step s) {
        Set<String> out = new LinkedHashSet<>();
        for (int p : predecessors[indexOf(s)]) {
            out.add(topological.get(p).id());
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
            for (int p : predecessors[i]) {
                d = Math.max(d, depth[p]);
            }
            depth[i] = d + (s.isMaintenance() ? 1 : 0);
            best = Math.max(best, depth[i]);
        }
        return best;
    }

    /** The plan's graph as a JGraphT graph of step ids, built on first use. */
    public synchronized Graph<String, DefaultEdge> jgrapht() {
        if (jgrapht == null) {
            jgrapht = asJgrapht(topological, predecessors);
        }
        return jgrapht;
    }
}
