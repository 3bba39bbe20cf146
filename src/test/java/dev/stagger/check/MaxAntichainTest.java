package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.graph.StepGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact antichain maximum against brute force over every subset, on small random plans. */
class MaxAntichainTest {
    private static final int PLANS = 1500;

    /** A random DAG of at most 8 steps in graph order: maintains, and stops with or without a start. */
    private static Fixture randomPlan(Random rnd, boolean maintainOnly) {
        Fixture f = Fixture.graph();
        int hosts = 1 + rnd.nextInt(5);
        String[] names = new String[hosts];
        for (int h = 0; h < hosts; h++) {
            names[h] = "h" + (h + 1);
            if (rnd.nextInt(6) == 0) {
                f.downHost(names[h], "dc" + rnd.nextInt(3));
            } else {
                f.host(names[h], "dc" + rnd.nextInt(3));
            }
        }
        f.app("pool", 0, names);
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            List<String> after = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (rnd.nextInt(3) == 0) {
                    after.add("s" + j);
                }
            }
            StringBuilder targets = new StringBuilder(names[rnd.nextInt(hosts)]);
            if (rnd.nextBoolean()) {
                targets.append(',').append(names[rnd.nextInt(hosts)]);
            }
            String[] a = after.toArray(String[]::new);
            int kind = maintainOnly ? 0 : rnd.nextInt(4);
            switch (kind) {
                case 1 -> f.stop("s" + i, targets.toString(), a);
                case 2 -> f.start("s" + i, targets.toString(), a);
                default -> f.maintain("s" + i, targets.toString(), a);
            }
        }
        return f;
    }

    @Test
    void maximumEqualsBruteForceOverSpans() {
        Random rnd = new Random(42);
        for (int t = 0; t < PLANS; t++) {
            Fixture f = randomPlan(rnd, false);
            Poset poset = new Poset(f.stepGraph());
            List<DownSpan> spans = new Downtime(f.inventory(), poset).spans();
            int[] w = spans.stream().mapToInt(s -> s.instances().size()).toArray();
            MaxAntichain.Result r = MaxAntichain.maximum(spans, w, poset);
            assertThat(r.weight()).as("plan %d", t).isEqualTo(brute(spans, w, poset));
            int sum = 0;
            for (int i : r.items()) {
                sum += w[i];
                for (int j : r.items()) {
                    assertThat(spans.get(i).compatible(spans.get(j), poset)).isTrue();
                }
            }
            assertThat(sum).isEqualTo(r.weight());
            for (int allowed = 0; allowed < 6; allowed++) {
                MaxAntichain.Result e = MaxAntichain.exceeding(spans, w, poset, allowed);
                assertThat(e == null).as("plan %d allowed %d", t, allowed).isEqualTo(r.weight() <= allowed);
            }
        }
    }

    /** For maintain-only plans the span model is the steps themselves: compare with antichains of steps. */
    @Test
    void maintainOnlyMatchesAntichainsOfSteps() {
        Random rnd = new Random(7);
        for (int t = 0; t < PLANS; t++) {
            Fixture f = randomPlan(rnd, true);
            StepGraph g = f.stepGraph();
            Poset poset = new Poset(g);
            Downtime downtime = new Downtime(f.inventory(), poset);
            List<DownSpan> spans = downtime.spans().stream().filter(s -> !s.isInitial()).toList();
            int[] w = spans.stream().mapToInt(s -> s.instances().size()).toArray();
            int n = poset.size();
            int best = 0;
            for (int mask = 1; mask < (1 << n); mask++) {
                boolean antichain = true;
                int weight = 0;
                for (int i = 0; i < n && antichain; i++) {
                    if ((mask >> i & 1) == 0) {
                        continue;
                    }
                    for (DownSpan s : spans) {
                        if (s.from() == i) {
                            weight += s.instances().size();
                        }
                    }
                    for (int j = i + 1; j < n; j++) {
                        if ((mask >> j & 1) != 0 && !g.mayOverlap(poset.step(i), poset.step(j))) {
                            antichain = false;
                        }
                    }
                }
                if (antichain) {
                    best = Math.max(best, weight);
                }
            }
            assertThat(MaxAntichain.maximum(spans, w, poset).weight()).as("plan %d", t).isEqualTo(best);
        }
    }

    private static int brute(List<DownSpan> spans, int[] w, Poset poset) {
        int best = 0;
        int n = spans.size();
        for (int mask = 0; mask < (1 << n); mask++) {
            int weight = 0;
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                if ((mask >> i & 1) == 0) {
                    continue;
                }
                weight += w[i];
                for (int j = i + 1; j < n; j++) {
                    if ((mask >> j & 1) != 0 && !spans.get(i).compatible(spans.get(j), poset)) {
                        ok = false;
                        break;
                    }
                }
            }
            if (ok) {
                best = Math.max(best, weight);
            }
        }
        return best;
    }
}
