package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.TransitiveReduction;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.junit.jupiter.api.Test;

/** The planner's wave-pruned reduction against JGraphT's exact one, on random DAGs. */
class EdgeReductionTest {

    @Test
    void dropsExactlyTheEdgesJGraphTsTransitiveReductionDrops() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            int n = 2 + random.nextInt(30);
            List<Node> nodes = new ArrayList<>();
            Graph<Integer, DefaultEdge> g = new SimpleDirectedGraph<>(DefaultEdge.class);
            for (int i = 0; i < n; i++) {
                // Some nodes are failovers (no wave of their own), as in a planned graph.
                nodes.add(new Node(null, random.nextInt(4) == 0 ? -1 : i, null, -1));
                g.addVertex(i);
                for (int p = 0; p < i; p++) {
                    if (random.nextInt(4) == 0) {
                        nodes.get(i).addPred(p, "added " + p);
                        g.addEdge(p, i);
                    }
                }
            }
            EdgeReduction.apply(nodes, depths(nodes));
            TransitiveReduction.INSTANCE.reduce(g);
            Set<String> ours = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                for (int p : nodes.get(i).preds.toArray()) {
                    ours.add(p + "->" + i);
                }
            }
            Set<String> theirs = new TreeSet<>();
            for (DefaultEdge e : g.edgeSet()) {
                theirs.add(g.getEdgeSource(e) + "->" + g.getEdgeTarget(e));
            }
            assertThat(ours).as("seed %d", seed).isEqualTo(theirs);
        }
    }

    @Test
    void keepsWrittenEdgesEvenWhenImplied() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(new Node(null, i, null, -1));
        }
        nodes.get(1).addPred(0, "added");
        nodes.get(2).addPred(1, "added");
        nodes.get(2).addPred(0, null);
        EdgeReduction.apply(nodes, depths(nodes));
        assertThat(nodes.get(2).preds.toArray()).containsExactlyInAnyOrder(1, 0);
    }

    /** Nodes are listed in a topological order here (every pred has a lower index). */
    private static int[] depths(List<Node> nodes) {
        int[] depth = new int[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            int d = 0;
            for (int p : nodes.get(i).preds.toArray()) {
                d = Math.max(d, depth[p]);
            }
            depth[i] = d + (nodes.get(i).isFailover() ? 0 : 1);
        }
        return depth;
    }
}
