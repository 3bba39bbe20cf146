package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.report.PlanYamlWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random small clusters and plans. A planned plan must pass the real checker and the
 * brute-force oracle, never beat its lower bounds, and come out byte-identical twice; a refused one
 * must have no safe order at all (every sequence tried, failovers placed wherever needed).
 */
class PlannerPropertyTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 400).mapToObj(i -> 1000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void plannedPlansAreSafeBoundedAndDeterministic(long seed) {
        Fleet f = random(new Random(seed));
        Inventory inv = f.inventory();
        for (PlanOptions options : List.of(PlanOptions.DEFAULT, new PlanOptions(0, true), new PlanOptions(2, false))) {
            PlanResult r = Planner.plan(f.loaded(), options);
            if (r.isRefused()) {
                assertThat(anySafeSequence(inv, f.plan())).as("seed %d refused %s", seed, r.refusal()).isNull();
                continue;
            }
            List<Diagnostic> errors = Checker.check(inv, StepGraph.of(r.plan())).stream().filter(Diagnostic::isError).toList();
            String yaml = PlanYamlWriter.render(r, "inventory.yaml");
            assertThat(errors).as("seed %d %s\n%s", seed, options, yaml).isEmpty();
            assertThat(Oracle.problem(inv, r.plan())).as("seed %d %s\n%s", seed, options, yaml).isNull();
            assertThat(r.waves()).isGreaterThanOrEqualTo(r.bounds().waves()).isEqualTo(StepGraph.of(r.plan()).waves());
            assertThat(r.failovers()).isGreaterThanOrEqualTo(r.bounds().failovers());
            assertThat(PlanYamlWriter.render(Planner.plan(f.loaded(), options), "inventory.yaml")).isEqualTo(yaml);
            StepGraph planned = StepGraph.of(r.plan());
            List<Step> failovers = r.plan().steps().stream().filter(Step::isFailover).toList();
            for (int x = 0; x < failovers.size(); x++) {
                for (int y = x + 1; y < failovers.size(); y++) {
                    Step a = failovers.get(x);
                    Step b = failovers.get(y);
                    assertThat(planned.precedes(a, b) || planned.precedes(b, a))
                            .as("seed %d %s: failovers %s and %s may overlap\n%s", seed, options, a.id(), b.id(), yaml).isTrue();
                }
            }
            for (Step s : f.plan().steps()) {
                for (String a : s.after()) {
                    assertThat(StepGraph.of(r.plan()).precedes(r.plan().step(a).orElseThrow(), r.plan().step(s.id()).orElseThrow()))
                            .as("written edge %s -> %s kept", a, s.id()).isTrue();
                }
            }
        }
    }

    private static Fleet random(Random rnd) {
        Fleet f = new Fleet();
        int hosts = 2 + rnd.nextInt(4);
        int dcs = 1 + rnd.nextInt(3);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            f.host("h" + i, "dc" + (1 + rnd.nextInt(dcs)));
            names.add("h" + i);
        }
        if (rnd.nextInt(6) == 0) {
            f.down(names.get(rnd.nextInt(hosts)));
        }
        if (rnd.nextInt(4) == 0) {
            f.maxDownDcs(1 + rnd.nextInt(2));
        }
        List<String> pool = pick(rnd, names, 1 + rnd.nextInt(hosts));
        f.app("api", rnd.nextInt(pool.size() + 1), rnd.nextBoolean() ? List.of("cache") : List.of(),
                pool.toArray(String[]::new));
        List<String> redis = pick(rnd, names, Math.min(hosts, 1 + rnd.nextInt(3)));
        boolean sentinels = hosts >= 3 && rnd.nextBoolean();
        f.redis("cache", sentinels ? "watchers" : null, redis.stream().map(h -> h + ":6379").toArray(String[]::new));
        if (sentinels) {
            f.sentinels("watchers", 2, pick(rnd, names, 3).stream().map(h -> h + ":26379").toArray(String[]::new));
        }
        if (rnd.nextInt(3) == 0 && hosts >= 2) {
            List<String> q = pick(rnd, names, 2);
            f.redis("queue", null, q.get(0) + ":6380", q.get(1) + ":6380");
        }
        if (rnd.nextInt(4) == 0 && hosts >= 3) {
            List<String> c = pick(rnd, names, 3);
            f.cluster("sessions", List.of(List.of(c.get(0) + ":7000", c.get(1) + ":7000"),
                    List.of(c.get(1) + ":7001", c.get(2) + ":7001")));
        }
        if (rnd.nextInt(5) == 0) {
            f.sequence();
        }
        List<String> ids = new ArrayList<>();
        for (String h : names) {
            if (rnd.nextInt(10) < 8) {
                List<String> targets = rnd.nextInt(8) == 0 ? pick(rnd, names, 2) : List.of(h);
                String[] after = !ids.isEmpty() && rnd.nextInt(5) == 0
                        ? new String[] {ids.get(rnd.nextInt(ids.size()))} : new String[0];
                String id = "m-" + h;
                f.maintain(id, targets, after);
                ids.add(id);
            }
        }
        return f;
    }

    private static List<String> pick(Random rnd, List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, rnd);
        return copy.subList(0, n);
    }

    /**
     * A safe sequence of the plan's maintenance steps (each after the previous, written edges kept),
     * with a failover to some up replica before every step that takes the current master down; null
     * when none exists. In a sequence every replica not taken down by the step itself is up, so the
     * first such replica is as good as any.
     */
    static Plan anySafeSequence(Inventory inv, Plan plan) {
        List<Step> work = plan.steps().stream().filter(Step::isMaintenance).toList();
        List<List<Step>> perms = new ArrayList<>();
        permute(new ArrayList<>(work), 0, perms);
        for (List<Step> order : perms) {
            Plan p = sequence(inv, order);
            if (p != null && respectsAfter(order) && Oracle.problem(inv, p) == null
                    && Checker.check(inv, StepGraph.of(p)).stream().noneMatch(Diagnostic::isError)) {
                return p;
            }
        }
        return null;
    }

    private static boolean respectsAfter(List<Step> order) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            at.put(order.get(i).id(), i);
        }
        return order.stream().allMatch(s -> s.after().stream().allMatch(a -> !at.containsKey(a) || at.get(a) < at.get(s.id())));
    }

    private static Plan sequence(Inventory inv, List<Step> order) {
        Map<String, Endpoint> master = new HashMap<>();
        Map<String, List<Endpoint>> members = new HashMap<>();
        for (Service s : inv.services().values()) {
            if (s instanceof RedisService r) {
                master.put(r.name(), r.master());
                members.put(r.name(), r.instances());
            } else if (s instanceof RedisClusterService c) {
                for (List<Endpoint> shard : c.shards()) {
                    master.put(c.name() + "/" + shard.get(0), shard.get(0));
                    members.put(c.name() + "/" + shard.get(0), shard);
                }
            }
        }
        Set<Instance> down = inv.initiallyDown();
        List<Step> out = new ArrayList<>();
        int n = 0;
        for (Step s : order) {
            Set<Instance> mine = Oracle.down(inv, s);
            for (Map.Entry<String, Endpoint> e : master.entrySet()) {
                String key = e.getKey();
                String service = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
                Instance m = new Instance(service, e.getValue());
                if (!mine.contains(m)) {
                    continue;
                }
                Endpoint to = members.get(key).stream()
                        .filter(x -> !x.equals(e.getValue()) && !mine.contains(new Instance(service, x))
                                && !down.contains(new Instance(service, x)))
                        .findFirst().orElse(null);
                if (to == null) {
                    return null;
                }
                Endpoint shard = key.contains("/") ? e.getValue() : null;
                out.add(new Step("f" + n++, new StepAction.Failover(service, to, shard), List.of(), Hooks.NONE,
                        null, null, null, null, s.position()));
                e.setValue(to);
            }
            out.add(new Step(s.id(), s.action(), List.of(), s.hooks(), null, null, null, null, s.position()));
        }
        return new Plan("seq", "plan.yaml", null, Order.SEQUENCE, out);
    }

    private static void permute(List<Step> a, int k, List<List<Step>> out) {
        if (k == a.size()) {
            out.add(new ArrayList<>(a));
            return;
        }
        for (int i = k; i < a.size(); i++) {
            java.util.Collections.swap(a, k, i);
            permute(a, k + 1, out);
            java.util.Collections.swap(a, k, i);
        }
    }
}
