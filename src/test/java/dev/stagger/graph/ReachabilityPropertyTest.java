package dev.stagger.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reachability's labels and pruned search against a brute-force transitive closure, on random DAGs
 * of the shapes plans have: dense or sparse random edges, a few long chains with cross edges, and
 * the planner's waves hanging from a backbone of one-at-a-time steps (where an index of every pair
 * grew quadratic). Every pair, every ancestor and descendant set, and the order restricted to a
 * random subset must be exact.
 */
class ReachabilityPropertyTest {

    /** A DAG over topological indices: preds[i] are all below i. */
    record Dag(String shape, int[][] preds) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(shape).append(' ').append(preds.length).append(" nodes:");
            for (int i = 0; i < preds.length; i++) {
                for (int p : preds[i]) {
                    s.append(' ').append(p).append("->").append(i);
                }
            }
            return s.toString();
        }
    }

    static final Gen<Dag> DAGS = r -> switch (r.nextInt(4)) {
        case 0 -> random(r, 0.02 + 0.5 * r.nextDouble() * r.nextDouble());
        case 1 -> chains(r);
        case 2 -> waves(r);
        default -> random(r, 0.0);
    };

    static Stream<Arguments> dags() {
        return Samples.of("dags", 300, DAGS);
    }

    private static Dag random(SplittableRandom r, double density) {
        int n = Gen.ints(1, 120).next(r);
        List<TreeSet<Integer>> preds = empty(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (r.nextDouble() < density) {
                    preds.get(i).add(j);
                }
            }
        }
        return dag(density == 0.0 ? "unordered" : "random", preds);
    }

    /** A few chains in index order, shuffled together, with sparse edges between them. */
    private static Dag chains(SplittableRandom r) {
        int n = Gen.ints(2, 200).next(r);
        int k = Gen.ints(1, 8).next(r);
        int[] last = new int[k];
        java.util.Arrays.fill(last, -1);
        List<TreeSet<Integer>> preds = empty(n);
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(k);
            if (last[c] >= 0) {
                preds.get(i).add(last[c]);
            }
            last[c] = i;
            if (i > 0 && r.nextInt(6) == 0) {
                preds.get(i).add(r.nextInt(i));
            }
        }
        return dag("chains", preds);
    }

    /**
     * The planner's shape: waves of hosts; a backbone of failovers, one after another, each after a
     * host of an earlier wave and before a host of a later one; a few lane edges between waves.
     */
    private static Dag waves(SplittableRandom r) {
        int waves = Gen.ints(1, 4).next(r);
        int width = Gen.ints(1, 40).next(r);
        List<TreeSet<Integer>> preds = new ArrayList<>();
        List<Integer> previousWave = new ArrayList<>();
        int backbone = -1;
        for (int w = 0; w < waves; w++) {
            List<Integer> wave = new ArrayList<>();
            for (int h = 0; h < width; h++) {
                if (!previousWave.isEmpty() && r.nextInt(3) == 0) {
                    TreeSet<Integer> failover = new TreeSet<>();
                    failover.add(previousWave.get(r.nextInt(previousWave.size())));
                    if (backbone >= 0) {
                        failover.add(backbone);
                    }
                    preds.add(failover);
                    backbone = preds.size() - 1;
                }
                TreeSet<Integer> host = new TreeSet<>();
                if (backbone >= 0 && r.nextInt(2) == 0) {
                    host.add(backbone);
                }
                if (!previousWave.isEmpty() && r.nextInt(4) == 0) {
                    host.add(previousWave.get(r.nextInt(previousWave.size())));
                }
                preds.add(host);
                wave.add(preds.size() - 1);
            }
            previousWave = wave;
        }
        return dag("waves", preds);
    }

    private static List<TreeSet<Integer>> empty(int n) {
        List<TreeSet<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new TreeSet<>());
        }
        return out;
    }

    private static Dag dag(String shape, List<TreeSet<Integer>> preds) {
        return new Dag(shape, preds.stream().map(s -> s.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new));
    }

    @Property
    @MethodSource("dags")
    void answersLikeTheTransitiveClosure(Dag dag) {
        int n = dag.preds().length;
        int[][] succs = successors(dag.preds());
        BitSet[] closure = new BitSet[n]; // closure[b]: every a with a path to b
        for (int b = 0; b < n; b++) {
            closure[b] = new BitSet(n);
            for (int p : dag.preds()[b]) {
                closure[b].set(p);
                closure[b].or(closure[p]);
            }
        }
        Reachability r = new Reachability(dag.preds(), succs);

        for (int a = 0; a < n; a++) {
            BitSet descendants = new BitSet(n);
            for (int b = 0; b < n; b++) {
                assertThat(r.reaches(a, b)).as("%d -> %d", a, b).isEqualTo(closure[b].get(a));
                if (closure[b].get(a)) {
                    descendants.set(b);
                }
            }
            assertThat(r.ancestors(a)).as("ancestors of %d", a).isEqualTo(closure[a]);
            assertThat(r.descendants(a)).as("descendants of %d", a).isEqualTo(descendants);
        }
        int[] some = new SplittableRandom(n).ints(0, n).limit(1 + n / 3).distinct().sorted().toArray();
        long[][] up = r.ancestorsWithin(some);
        long[][] down = r.descendantsWithin(some);
        for (int x = 0; x < some.length; x++) {
            for (int y = 0; y < some.length; y++) {
                assertThat(bit(up[x], y)).as("%d among the ancestors of %d", some[y], some[x])
                        .isEqualTo(closure[some[x]].get(some[y]));
                assertThat(bit(down[x], y)).as("%d among the descendants of %d", some[y], some[x])
                        .isEqualTo(closure[some[y]].get(some[x]));
            }
        }
    }

    private static int[][] successors(int[][] preds) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < preds.length; i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < preds.length; i++) {
            for (int p : preds[i]) {
                out.get(p).add(i); // i ascending: successors come out ascending, as StepGraph gives them
            }
        }
        return out.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    private static boolean bit(long[] words, int i) {
        return (i >>> 6) < words.length && (words[i >>> 6] & (1L << i)) != 0;
    }
}
