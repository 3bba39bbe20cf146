package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The overlap rule counts pairs with bit sets instead of testing each pair (thousands of steps over
 * one host were quadratic). Its count must still be exact, because "and N more sets of steps" tells
 * the operator how far off a plan is: on random small plans it equals a pair-by-pair count over the
 * plan's transitive order. Every host runs a {@code web} instance; h0 and h1 also hold the Redis
 * group {@code cache}, so a pair sharing no host but both touching the group counts once too.
 */
class OverlapCountPropertyTest {
    private static final int HOSTS = 5;
    private static final Pattern MORE = Pattern.compile("\\(and (\\d+) more sets? of steps like it\\)$");

    /** One step: the hosts it maintains (bits) and the earlier steps it waits for (bits). */
    record StepSpec(int hosts, long after) {
    }

    /** Plans of 2 to 14 steps, each on 1 to all hosts, after some earlier steps. */
    static final Gen<List<StepSpec>> PLANS = r -> {
        int n = Gen.ints(2, 14).next(r);
        Gen<Integer> hosts = Gen.ints(1, (1 << HOSTS) - 1);
        List<StepSpec> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Sparse edges, so that most plans have both ordered and overlapping pairs.
            long after = i == 0 ? 0L : Gen.longs(0, (1L << i) - 1).map(bits -> bits & randomMask(bits)).next(r);
            steps.add(new StepSpec(hosts.next(r), after));
        }
        return List.copyOf(steps);
    };

    static Stream<Arguments> plans() {
        return Samples.of("plans", 150, PLANS);
    }

    private static long randomMask(long seed) {
        return Long.rotateLeft(seed * 0x9E3779B97F4A7C15L, 7) & (seed * 31 + 17);
    }

    @Property
    @MethodSource("plans")
    void everyOverlappingPairIsCountedOnce(List<StepSpec> plan) {
        Fixture f = Fixture.graph();
        List<String> web = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            f.host("h" + h, "dc1");
            web.add("h" + h);
        }
        f.app("web", 0, web.toArray(String[]::new));
        f.redis("cache", "h0:6379", null, "h0:6379", "h1:6379");
        for (int i = 0; i < plan.size(); i++) {
            List<String> targets = new ArrayList<>();
            for (int h = 0; h < HOSTS; h++) {
                if ((plan.get(i).hosts() & (1 << h)) != 0) {
                    targets.add("h" + h);
                }
            }
            List<String> after = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if ((plan.get(i).after() & (1L << j)) != 0) {
                    after.add("s" + j);
                }
            }
            f.maintain("s" + i, String.join(",", targets), after.toArray(String[]::new));
        }

        long reported = 0;
        for (Diagnostic d : f.check()) {
            if (d.rule().equals("overlap")) {
                Matcher m = MORE.matcher(d.message());
                reported += 1 + (m.find() ? Long.parseLong(m.group(1)) : 0);
            }
        }
        assertThat(reported).as(plan.toString()).isEqualTo(pairByPair(plan));
    }

    /** The pairs that may overlap (neither reaches the other) and share a host or both touch cache (h0/h1). */
    private static long pairByPair(List<StepSpec> plan) {
        int n = plan.size();
        boolean[][] reaches = new boolean[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                if ((plan.get(j).after() & (1L << i)) != 0) {
                    reaches[i][j] = true;
                    for (int k = 0; k < i; k++) {
                        reaches[k][j] |= reaches[k][i];
                    }
                }
            }
        }
        long pairs = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                int a = plan.get(i).hosts();
                int b = plan.get(j).hosts();
                boolean touch = (a & b) != 0 || ((a & 0b11) != 0 && (b & 0b11) != 0);
                if (!reaches[i][j] && touch) {
                    pairs++;
                }
            }
        }
        return pairs;
    }
}
