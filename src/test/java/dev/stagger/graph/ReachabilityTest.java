package dev.stagger.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reachability against a plain transitive closure, on random DAGs of every density. */
class ReachabilityTest {

    @Test
    void agreesWithTheTransitiveClosure() {
        Random rnd = new Random(7);
        for (int t = 0; t < 400; t++) {
            int n = 1 + rnd.nextInt(40);
            double density = rnd.nextDouble() * (rnd.nextBoolean() ? 0.1 : 0.6);
            List<List<Integer>> preds = new ArrayList<>();
            List<List<Integer>> succs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                preds.add(new ArrayList<>());
                succs.add(new ArrayList<>());
            }
            BitSet[] closure = new BitSet[n];
            for (int i = 0; i < n; i++) {
                closure[i] = new BitSet();
                for (int j = 0; j < i; j++) {
                    if (rnd.nextDouble() < density) {
                        preds.get(i).add(j);
                        succs.get(j).add(i);
                        closure[i].set(j);
                        closure[i].or(closure[j]);
                    }
                }
            }
            Reachability r = new Reachability(toArrays(preds), toArrays(succs));
            int[] some = rnd.ints(0, n).limit(1 + rnd.nextInt(n)).distinct().sorted().toArray();
            long[][] up = r.ancestorsWithin(some);
            long[][] down = r.descendantsWithin(some);
            for (int a = 0; a < n; a++) {
                BitSet descendants = new BitSet();
                for (int b = 0; b < n; b++) {
                    assertThat(r.reaches(a, b)).as("dag %d: %d -> %d", t, a, b).isEqualTo(closure[b].get(a));
                    if (closure[b].get(a)) {
                        descendants.set(b);
                    }
                }
                assertThat(r.ancestors(a)).isEqualTo(closure[a]);
                assertThat(r.descendants(a)).isEqualTo(descendants);
            }
            for (int x = 0; x < some.length; x++) {
                for (int y = 0; y < some.length; y++) {
                    assertThat(bit(up[x], y)).as("dag %d: within", t).isEqualTo(closure[some[x]].get(some[y]));
                    assertThat(bit(down[x], y)).as("dag %d: within", t).isEqualTo(closure[some[y]].get(some[x]));
                }
            }
        }
    }

    private static boolean bit(long[] words, int i) {
        return (i >>> 6) < words.length && (words[i >>> 6] & (1L << i)) != 0;
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }
}
