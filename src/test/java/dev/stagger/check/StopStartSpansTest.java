package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A stop followed by several starts: the instances come back at whichever start completes first,
 * for every ordering the plan allows. Unit cases, then a cross-check against brute force over
 * every interleaving of small random plans: never under-count, and exact where the span model is.
 */
class StopStartSpansTest {

    private static Fixture pool() {
        return Fixture.graph().host("k1", "dc1").host("k2", "dc2").app("worker", 1, "k1", "k2").maxDownDcs(1);
    }

    @Test
    void aStepAfterEitherOfTwoUnorderedStartsSeesTheInstanceBack() {
        Fixture f = pool().stop("s", "k1").start("a", "k1", "s").start("b", "k1", "s").maintain("m", "k2", "b");
        // a and b both start k1 unordered: that is an overlap, and only that.
        assertThat(f.errors()).containsExactly("overlap");
    }

    @Test
    void theSameWhenTheStepFollowsTheFirstWrittenStart() {
        Fixture f = pool().stop("s", "k1").start("a", "k1", "s").start("b", "k1", "s").maintain("m", "k2", "a");
        assertThat(f.errors()).containsExactly("overlap");
    }

    @Test
    void aStepOrderedAfterNeitherStartMayStillFindTheInstanceDown() {
        Fixture f = pool().stop("s", "k1").start("a", "k1", "s").start("b", "k1", "s").maintain("m", "k2", "s");
        assertThat(f.errors()).containsExactlyInAnyOrder("min-healthy", "max-down-dcs", "overlap");
    }

    @Test
    void aStepBeforeBothStartsFindsTheInstanceDown() {
        Fixture f = pool().stop("s", "k1").maintain("m", "k2", "s").start("a", "k1", "m").start("b", "k1", "m");
        assertThat(f.errors()).containsExactlyInAnyOrder("min-healthy", "max-down-dcs", "overlap");
    }

    @Test
    void aSecondStartOrderedAfterTheFirstDoesNotExtendTheDowntime() {
        Fixture f = pool().stop("s", "k1").start("a", "k1", "s").start("b", "k1", "a").maintain("m", "k2", "a");
        assertThat(f.errors()).isEmpty();
        assertThat(f.warnings()).isEmpty();
    }

    @Test
    void eachInstanceEndsAtTheStartThatBringsItBack() {
        Fixture f = Fixture.sequence().host("k1", "dc1").host("k2", "dc1").host("k3", "dc1")
                .app("worker", 2, "k1", "k2", "k3")
                .stop("s", "k1,k2").start("a", "k1").maintain("m", "k3").start("b", "k2");
        // k2 is still down (until b) while m takes k3: 2 of 3 down, min 2.
        assertThat(f.errors()).containsExactly("min-healthy");
    }

    @Test
    void aHeaviestMomentThatCountsOneInstanceTwiceDoesNotHideALighterUnsafeOne() {
        // The heaviest antichain is {stop a1, maintain a1} (weight 2, but one instance); the unsafe
        // moment is maintain a1 during maintain a2 (two instances).
        Fixture f = Fixture.graph().host("a0", "dc0").host("a1", "dc1").host("a2", "dc2")
                .app("pool", 2, "a0", "a1", "a2")
                .maintain("m2", "a2").stop("s1", "a1", "m2").maintain("m1", "a1");
        assertThat(f.errors()).containsExactlyInAnyOrder("min-healthy", "overlap");
        assertThat(f.check().stream().filter(d -> d.rule().equals("min-healthy")).findFirst().orElseThrow().message())
                .contains("2 of 3 pool instances").contains("a1").contains("a2");
    }

    // ---- brute force ----------------------------------------------------------------------

    private record RandomStep(String kind, int host, List<Integer> after) {
    }

    /** The most instances of a0..a2 down at once over every interleaving of begin and end events. */
    private static int bruteForceMaxDown(List<RandomStep> steps, int initiallyDown) {
        int n = steps.size();
        int[] phase = new int[n];
        Set<Long> seen = new HashSet<>();
        int[] best = {0};
        explore(steps, phase, initiallyDown, seen, best);
        return best[0];
    }

    private static void explore(List<RandomStep> steps, int[] phase, int down, Set<Long> seen, int[] best) {
        long key = down;
        for (int p : phase) {
            key = key * 3 + p;
        }
        if (!seen.add(key)) {
            return;
        }
        best[0] = Math.max(best[0], Integer.bitCount(down));
        for (int i = 0; i < steps.size(); i++) {
            RandomStep s = steps.get(i);
            int bit = 1 << s.host();
            if (phase[i] == 0 && s.after().stream().allMatch(a -> phase[a] == 2)) {
                phase[i] = 1;
                int d = s.kind().equals("start") ? down : down | bit;
                explore(steps, phase, d, seen, best);
                phase[i] = 0;
            } else if (phase[i] == 1) {
                phase[i] = 2;
                int d = s.kind().equals("stop") ? down : down & ~bit;
                explore(steps, phase, d, seen, best);
                phase[i] = 1;
            }
        }
    }

    private static boolean precedes(List<RandomStep> steps, int a, int b) {
        for (int p : steps.get(b).after()) {
            if (p == a || precedes(steps, a, p)) {
                return true;
            }
        }
        return false;
    }

    /** Where the span model is exact: every stop ordered against each start, maintain and stop of its host. */
    private static boolean modelIsExact(List<RandomStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).kind().equals("stop")) {
                continue;
            }
            for (int j = 0; j < steps.size(); j++) {
                RandomStep o = steps.get(j);
                if (j == i || o.host() != steps.get(i).host()) {
                    continue;
                }
                if (!precedes(steps, i, j) && !precedes(steps, j, i)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void minHealthyAndMaxDownDcsAgreeWithEveryInterleavingOfRandomPlans() {
        Random random = new Random(20261127);
        String[] kinds = {"maintain", "stop", "start", "start"};
        int exact = 0;
        int checked = 0;
        for (int trial = 0; trial < 2500; trial++) {
            int n = 3 + random.nextInt(4);
            int min = 1 + random.nextInt(2);
            int allowedDown = 3 - min;
            int maxDcs = 1 + random.nextInt(2);
            int initiallyDown = random.nextInt(4) == 0 ? 1 << random.nextInt(3) : 0;
            if (Integer.bitCount(initiallyDown) > Math.min(allowedDown, maxDcs)) {
                continue; // already over the limit before the plan: not the plan's doing
            }
            List<RandomStep> steps = new ArrayList<>();
            Fixture f = Fixture.graph();
            for (int h = 0; h < 3; h++) {
                if ((initiallyDown & (1 << h)) != 0) {
                    f.downHost("a" + h, "dc" + h);
                } else {
                    f.host("a" + h, "dc" + h);
                }
            }
            f.app("pool", min, "a0", "a1", "a2").maxDownDcs(maxDcs);
            for (int i = 0; i < n; i++) {
                List<Integer> after = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    if (random.nextInt(3) == 0) {
                        after.add(j);
                    }
                }
                RandomStep s = new RandomStep(kinds[random.nextInt(kinds.length)], random.nextInt(3), after);
                steps.add(s);
                String[] ids = after.stream().map(j -> "s" + j).toArray(String[]::new);
                String host = "a" + s.host();
                switch (s.kind()) {
                    case "maintain" -> f.maintain("s" + i, host, ids);
                    case "stop" -> f.stop("s" + i, host, ids);
                    default -> f.start("s" + i, host, ids);
                }
            }
            checked++;
            int worst = bruteForceMaxDown(steps, initiallyDown);
            Set<String> errors = f.errors();
            String why = steps + " min " + min + ", max_down_dcs " + maxDcs + ", down " + initiallyDown;
            if (worst > allowedDown) {
                assertThat(errors).as("under-counted min-healthy: %s", why).contains("min-healthy");
            }
            if (worst > maxDcs) {
                assertThat(errors).as("under-counted max-down-dcs: %s", why).contains("max-down-dcs");
            }
            if (modelIsExact(steps)) {
                exact++;
                assertThat(errors.contains("min-healthy")).as("min-healthy for %s", why).isEqualTo(worst > allowedDown);
                assertThat(errors.contains("max-down-dcs")).as("max-down-dcs for %s", why).isEqualTo(worst > maxDcs);
            }
        }
        assertThat(checked).isGreaterThan(2000);
        assertThat(exact).as("enough plans where the model is exact").isGreaterThan(1000);
    }
}
