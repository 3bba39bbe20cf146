package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.Plan;
import dev.stagger.model.Step;
import dev.stagger.report.PlanYamlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The planner against the exact optimum ({@link Optimum}) on seeded random small clusters: app pools
 * with counts and percentages, Redis groups with and without sentinels, clusters with uneven shards
 * and crowded masters, hosts declared down, max_down_dcs, stop and start steps, written after
 * edges, sequence input and --max-parallel. Every planned plan must validate and reach the optimum
 * (waves, then failovers); a refusal must have no safe order; the lower bounds never exceed the
 * optimum. {@code -Doptimum.seeds=N} runs more seeds and prints the mismatch rate.
 */
class OptimumComparisonTest {

    record Case(Fleet fleet, int maxParallel) {
    }

    /** The longest single Planner.plan call seen, to keep the exact search cheap. */
    static long slowestPlanMs;

    @Test
    void plannerReachesTheExactOptimum() {
        int seeds = Integer.getInteger("optimum.seeds", 400);
        // For measuring: -Doptimum.greedyOnly=true turns the exact search off, -Doptimum.retries=N the greedy retries.
        Map<String, Integer> counts = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        int compared = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            Case c = random(new Random(seed * 7919L));
            String verdict = compare(c, examples, seed);
            if (verdict == null) {
                continue;
            }
            compared++;
            counts.merge(verdict, 1, Integer::sum);
        }
        int mismatches = counts.entrySet().stream().filter(e -> !e.getKey().startsWith("ok")).mapToInt(Map.Entry::getValue).sum();
        System.out.printf("optimum comparison: %d cases, %d mismatches (%.2f%%): %s; slowest plan %d ms%n", compared, mismatches,
                100.0 * mismatches / Math.max(1, compared), counts, slowestPlanMs);
        examples.stream().limit(Integer.getInteger("optimum.show", 3)).forEach(System.out::println);
        assertThat(mismatches).as("%s\n%s", counts, String.join("\n", examples.subList(0, Math.min(3, examples.size()))))
                .isZero();
    }

    /** {@code -Doptimum.seed=N}: one case in full, for debugging a mismatch. */
    @Test
    void oneSeed() {
        long seed = Long.getLong("optimum.seed", 1);
        List<String> examples = new ArrayList<>();
        String verdict = compare(random(new Random(seed * 7919L)), examples, seed);
        System.out.println("verdict " + verdict);
        examples.forEach(System.out::println);
        assertThat(verdict).isNotNull();
    }

    /** -Doptimum.greedyOnly=true turns the exact search off, -Doptimum.retries=N sets the greedy retries. */
    static PlanOptions options(Case c) {
        return new PlanOptions(c.maxParallel(), false).withSearch(
                Integer.getInteger("optimum.retries", PlanOptions.DEFAULT_RETRIES), !Boolean.getBoolean("optimum.greedyOnly"));
    }

    /** The verdict for one case, or null when it is too big for the exhaustive search. */
    static String compare(Case c, List<String> examples, long seed) {
        Inventory inv = c.fleet().inventory();
        Plan input = c.fleet().plan();
        Optimum.Result best;
        try {
            best = Optimum.find(inv, input, c.maxParallel());
        } catch (IllegalStateException budget) {
            return null;
        } catch (IllegalArgumentException tooBig) {
            // Beyond the exhaustive optimum: the planner's plan must still validate and meet no bound from below.
            long t0 = System.nanoTime();
            PlanResult r = Planner.plan(c.fleet().loaded(), options(c));
            slowestPlanMs = Math.max(slowestPlanMs, (System.nanoTime() - t0) / 1_000_000);
            if (r.isRefused()) {
                return "ok-big-refused";
            }
            boolean valid = Checker.check(inv, StepGraph.of(r.plan())).stream().noneMatch(Diagnostic::isError);
            String v = !valid ? "invalid" : r.waves() < r.bounds().waves() || r.failovers() < r.bounds().failovers()
                    ? "below-bound" : r.waves() == r.bounds().waves() && r.failovers() == r.bounds().failovers() ? "ok-big-at-bounds"
                    : "ok-big-above-bounds";
            if (!v.startsWith("ok")) {
                examples.add("seed " + seed + " " + v + "\n" + c.fleet().describe() + PlanYamlWriter.render(r, "inventory.yaml"));
            }
            return v;
        }
        long t0 = System.nanoTime();
        PlanResult r = Planner.plan(c.fleet().loaded(), options(c));
        slowestPlanMs = Math.max(slowestPlanMs, (System.nanoTime() - t0) / 1_000_000);
        String verdict;
        String detail = "";
        if (r.bounds().waves() > (best == null ? Integer.MAX_VALUE : best.waves())
                || (best != null && r.bounds().waves() == best.waves() && r.bounds().failovers() > best.failovers())) {
            verdict = "bound-above-optimum";
        } else if (r.isRefused()) {
            verdict = best == null ? "ok-refused" : "refused-but-possible";
            detail = r.refusal().toString();
        } else {
            List<Diagnostic> errors = Checker.check(inv, StepGraph.of(r.plan())).stream().filter(Diagnostic::isError).toList();
            int waves = StepGraph.of(r.plan()).waves();
            int failovers = (int) r.plan().steps().stream().filter(Step::isFailover).count();
            if (!errors.isEmpty()) {
                verdict = "invalid";
                detail = errors.toString();
            } else if (best == null) {
                verdict = "optimum-missed-a-plan";
            } else if (waves > best.waves()) {
                verdict = "waves-above";
            } else if (waves < best.waves() || failovers < best.failovers()) {
                verdict = waves < best.waves() ? "optimum-missed-a-plan" : "optimum-missed-failovers";
            } else if (failovers > best.failovers()) {
                verdict = "failovers-above";
            } else {
                verdict = "ok";
            }
            if (!verdict.equals("ok")) {
                detail = detail + "planner waves " + waves + " failovers " + failovers + "\n" + PlanYamlWriter.render(r, "inventory.yaml");
            }
        }
        if (!verdict.startsWith("ok")) {
            examples.add("seed " + seed + " " + verdict + " (optimum " + (best == null ? "none"
                    : best.waves() + "/" + best.failovers()) + ", bounds " + r.bounds().waves() + "/" + r.bounds().failovers()
                    + ", max-parallel " + c.maxParallel() + ")\n" + c.fleet().describe() + detail
                    + (best == null ? "" : "\noptimal plan:\n" + best.plan().steps().stream()
                    .map(s -> "  " + s.id() + " " + s.action() + " after " + s.after()).reduce("", (a, b) -> a + b + "\n")));
        }
        return verdict;
    }

    static Case random(Random rnd) {
        Fleet f = new Fleet();
        int hosts = 2 + rnd.nextInt(Math.max(5, Integer.getInteger("optimum.steps", 7) - 2));
        int dcs = 1 + rnd.nextInt(3);
        List<String> names = new ArrayList<>();
        List<List<String>> byDc = new ArrayList<>();
        for (int d = 0; d < dcs; d++) {
            byDc.add(new ArrayList<>());
        }
        for (int i = 1; i <= hosts; i++) {
            int dc = rnd.nextInt(dcs);
            f.host("h" + i, "dc" + (1 + dc));
            names.add("h" + i);
            byDc.get(dc).add("h" + i);
        }
        if (rnd.nextInt(6) == 0) {
            f.down(names.get(rnd.nextInt(hosts)));
        }
        int policy = rnd.nextInt(4);
        if (policy > 0 && policy < 3) {
            f.maxDownDcs(policy);
        }
        int pools = rnd.nextInt(3);
        for (int p = 0; p < pools; p++) {
            List<String> pool = pick(rnd, names, 1 + rnd.nextInt(hosts));
            List<String> requires = rnd.nextInt(3) == 0 ? List.of("cache") : List.of();
            String name = p == 0 ? "api" : "web";
            String[] inst = pool.stream().map(h -> h + ":" + (8080 + (name.equals("api") ? 0 : 1))).toArray(String[]::new);
            if (rnd.nextBoolean()) {
                f.appPercent(name, List.of(34, 50, 60, 75, 100).get(rnd.nextInt(5)), requires, inst);
            } else {
                // Mostly plannable pools (one spare or more); sometimes none, so refusals are exercised too.
                int min = rnd.nextInt(4) == 0 ? rnd.nextInt(pool.size() + 1) : rnd.nextInt(pool.size());
                f.app(name, min, requires, inst);
            }
        }
        boolean cache = rnd.nextInt(3) > 0;
        if (cache || pools > 0) {
            List<String> redis = pick(rnd, names, Math.min(hosts, 1 + rnd.nextInt(3)));
            boolean sentinels = hosts >= 3 && rnd.nextBoolean();
            f.redis("cache", sentinels ? "watchers" : null, redis.stream().map(h -> h + ":6379").toArray(String[]::new));
            if (sentinels) {
                int count = hosts >= 5 && rnd.nextBoolean() ? 5 : 3;
                f.sentinels("watchers", 1 + rnd.nextInt(count), pick(rnd, names, count).stream().map(h -> h + ":26379")
                        .toArray(String[]::new));
            }
        }
        if (rnd.nextInt(4) == 0 && hosts >= 2) {
            List<String> q = pick(rnd, names, 2);
            f.redis("queue", null, q.get(0) + ":6380", q.get(1) + ":6380");
        }
        if (rnd.nextInt(2) == 0 && hosts >= 3) {
            int shards = 2 + rnd.nextInt(3);
            boolean crowded = rnd.nextBoolean();
            List<String> biggestDc = byDc.stream().max((a, b) -> a.size() - b.size()).orElseThrow();
            List<List<String>> list = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                int size = 1 + 1 + rnd.nextInt(3) - (rnd.nextInt(6) == 0 ? 1 : 0);
                List<String> members = new ArrayList<>(pick(rnd, names, Math.min(hosts, size)));
                if (crowded && !biggestDc.isEmpty()) {
                    String m = biggestDc.get(rnd.nextInt(biggestDc.size()));
                    members.remove(m);
                    members.add(0, m);
                    if (members.size() > size) {
                        members.remove(members.size() - 1);
                    }
                }
                int port = 7000 + s;
                list.add(members.stream().map(h -> h + ":" + port).toList());
            }
            f.cluster("sessions", list);
        }
        if (rnd.nextInt(5) == 0) {
            f.sequence();
        }
        List<String> ids = new ArrayList<>();
        int budget = Integer.getInteger("optimum.steps", 7);
        for (String h : names) {
            if (ids.size() >= budget) {
                break;
            }
            int kind = rnd.nextInt(10);
            String[] after = !ids.isEmpty() && rnd.nextInt(6) == 0 ? new String[] {ids.get(rnd.nextInt(ids.size()))} : new String[0];
            if (kind < 7) {
                List<String> targets = rnd.nextInt(8) == 0 ? pick(rnd, names, 2) : List.of(h);
                f.maintain("m-" + h, targets, after);
                ids.add("m-" + h);
            } else if (kind < 8 && ids.size() + 2 <= budget) {
                f.stop("stop-" + h, List.of(h), after);
                ids.add("stop-" + h);
                f.start("start-" + h, List.of(h));
                ids.add("start-" + h);
            }
        }
        int maxParallel = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0;
        return new Case(f, maxParallel);
    }

    private static List<String> pick(Random rnd, List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, rnd);
        return copy.subList(0, n);
    }
}
