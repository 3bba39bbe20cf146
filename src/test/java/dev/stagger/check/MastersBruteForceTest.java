package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code master-down} and {@code no-failover-target} against brute force: every interleaving of the
 * begin and end events of small random plans (maintains of three Redis hosts and failovers to named
 * replicas), tracking where the master is. While a failover is in progress, both its old and its new
 * master may be the master.
 */
class MastersBruteForceTest {

    /** kind: maintain (host = target host) or failover (host = promoted instance's host). */
    private record RandomStep(boolean failover, int host, List<Integer> after) {
    }

    private static final class Explorer {
        final List<RandomStep> steps;
        final int[] phase;
        final Set<String> seen = new HashSet<>();
        boolean masterDown;
        boolean noTarget;

        Explorer(List<RandomStep> steps) {
            this.steps = steps;
            this.phase = new int[steps.size()];
        }

        void explore(int master) {
            StringBuilder key = new StringBuilder().append(master);
            for (int p : phase) {
                key.append(p);
            }
            if (!seen.add(key.toString())) {
                return;
            }
            for (int i = 0; i < steps.size(); i++) {
                RandomStep s = steps.get(i);
                if (phase[i] == 0 && s.after().stream().allMatch(a -> phase[a] == 2)) {
                    if (s.failover()) {
                        if (s.host() == master || down(s.host())) {
                            noTarget = true;
                        }
                    } else if (possibleMasters(master).contains(s.host())) {
                        masterDown = true;
                    } else if (failoverInProgressTo(s.host())) {
                        noTarget = true; // the failover's target goes down while it runs
                    }
                    phase[i] = 1;
                    explore(master);
                    phase[i] = 0;
                } else if (phase[i] == 1) {
                    phase[i] = 2;
                    explore(s.failover() ? s.host() : master);
                    phase[i] = 1;
                }
            }
        }

        private Set<Integer> possibleMasters(int master) {
            Set<Integer> out = new TreeSet<>();
            out.add(master);
            for (int i = 0; i < steps.size(); i++) {
                if (phase[i] == 1 && steps.get(i).failover()) {
                    out.add(steps.get(i).host());
                }
            }
            return out;
        }

        private boolean failoverInProgressTo(int host) {
            for (int i = 0; i < steps.size(); i++) {
                if (phase[i] == 1 && steps.get(i).failover() && steps.get(i).host() == host) {
                    return true;
                }
            }
            return false;
        }

        private boolean down(int host) {
            for (int i = 0; i < steps.size(); i++) {
                if (phase[i] == 1 && !steps.get(i).failover() && steps.get(i).host() == host) {
                    return true;
                }
            }
            return false;
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

    /** Failovers totally ordered among themselves: otherwise `overlap` speaks and masters are ambiguous. */
    private static boolean failoversOrdered(List<RandomStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            for (int j = i + 1; j < steps.size(); j++) {
                if (steps.get(i).failover() && steps.get(j).failover() && !precedes(steps, i, j)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void masterDownAndNoFailoverTargetAgreeWithEveryInterleaving() {
        Random random = new Random(1127);
        int compared = 0;
        int[] outcomes = new int[4];
        for (int trial = 0; trial < 3000; trial++) {
            int n = 2 + random.nextInt(4);
            List<RandomStep> steps = new ArrayList<>();
            Fixture f = Fixture.graph().host("h0", "dc0").host("h1", "dc1").host("h2", "dc2")
                    .redis("cache", "h0:6379", null, "h0:6379", "h1:6379", "h2:6379");
            for (int i = 0; i < n; i++) {
                List<Integer> after = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    if (random.nextInt(2) == 0) {
                        after.add(j);
                    }
                }
                RandomStep s = new RandomStep(random.nextInt(3) == 0, random.nextInt(3), after);
                steps.add(s);
                String[] ids = after.stream().map(j -> "s" + j).toArray(String[]::new);
                if (s.failover()) {
                    f.failover("s" + i, "cache", "h" + s.host() + ":6379", ids);
                } else {
                    f.maintain("s" + i, "h" + s.host(), ids);
                }
            }
            if (!failoversOrdered(steps)) {
                continue;
            }
            compared++;
            Explorer e = new Explorer(steps);
            e.explore(0);
            Set<String> errors = f.errors();
            String why = steps.toString();
            assertThat(errors.contains("master-down")).as("master-down for %s", why).isEqualTo(e.masterDown);
            assertThat(errors.contains("no-failover-target")).as("no-failover-target for %s", why).isEqualTo(e.noTarget);
            outcomes[(e.masterDown ? 2 : 0) + (e.noTarget ? 1 : 0)]++;
        }
        assertThat(compared).isGreaterThan(1500);
        // Not vacuous: every combination of verdicts occurs often.
        for (int c : outcomes) {
            assertThat(c).as("outcome counts %s", java.util.Arrays.toString(outcomes)).isGreaterThan(50);
        }
    }
}
