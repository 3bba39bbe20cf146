package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.check.Checker;
import dev.stagger.check.MasterPlacement;
import dev.stagger.graph.StepGraph;
import dev.stagger.load.PlanLoader;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.report.PlanYamlWriter;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner leaves a Redis Cluster's masters spread (no DC with half or more) whenever some
 * placement can, so that its plans pass {@code validate --strict} on {@code cluster-dc-majority};
 * with as few failovers as it takes; and plans as before when no placement can.
 */
class MasterSpreadTest {

    private static PlanResult plan(Fleet f) {
        return Planner.plan(f.loaded(), PlanOptions.DEFAULT);
    }

    /** Every finding of the checker, warnings included: what {@code validate --strict} refuses. */
    private static List<Diagnostic> strict(Fleet f, PlanResult r) {
        return Checker.check(f.inventory(), StepGraph.of(r.plan()));
    }

    private static long spreading(PlanResult r) {
        return r.inserted().values().stream().filter(why -> why.contains("would end with")).count();
    }

    @Test
    void theBundledRollingClusterPlanPassesStrict() {
        LoadedPlan loaded = PlanLoader.load(Path.of("plans/redis-cluster/rolling.yaml"), null);
        PlanResult r = Planner.plan(loaded, PlanOptions.DEFAULT);
        assertThat(Checker.check(loaded.inventory(), StepGraph.of(r.plan()))).as(PlanYamlWriter.render(r, null)).isEmpty();
        assertThat(r.waves()).isEqualTo(3);
        assertThat(r.failovers()).as("4 for the maintenance, the optimum (PlannerOptimumTest), and 1 that spreads").isEqualTo(5);
        Step last = r.plan().steps().get(r.plan().steps().size() - 1);
        assertThat(last.action()).isEqualTo(new StepAction.Failover("sessions", Fleet.endpoint("r5:7000"), Fleet.endpoint("r2:7000")));
        assertThat(last.after()).containsExactly("os/r5");
    }

    @Test
    void theBundledUnevenClusterIsCrowdedBeforeThePlanSoThePlannerAddsNothing() {
        // dc1 holds all three declared masters: the inventory warning stands whatever the plan does,
        // and rebalancing the cluster is the operator's call (its fix lists the failovers).
        LoadedPlan loaded = PlanLoader.load(Path.of("plans/redis-cluster/uneven.yaml"), null);
        PlanResult r = Planner.plan(loaded, PlanOptions.DEFAULT);
        assertThat(r.failovers()).isEqualTo(3);
        assertThat(spreading(r)).isZero();
        assertThat(Checker.check(loaded.inventory(), StepGraph.of(r.plan())).stream().filter(Diagnostic::isError)).isEmpty();
    }

    @Test
    void theCyclicLayoutNeedsExactlyOneFailoverMoreThanItsMaintenance() {
        // Each DC holds one master and another shard's replica. Whichever DC goes first, its master moves to a
        // replica not yet maintained and back, and the next DC's master moves onto the first DC: that DC then
        // holds 2 of 3. No 3-wave order avoids it, and one failover (the first shard to its replica again) spreads them.
        Fleet f = cyclic();
        PlanResult r = plan(f);
        assertThat(strict(f, r)).as(PlanYamlWriter.render(r, null)).isEmpty();
        assertThat(r.waves()).isEqualTo(3);
        assertThat(Optimum.find(f.inventory(), f.plan(), 0).failovers()).isEqualTo(4);
        assertThat(r.failovers()).isEqualTo(5);
        assertThat(spreading(r)).isEqualTo(1);
    }

    @Test
    void threeShardsOverThreeDcsWithAReplicaEverywhereNeedOneFailoverMoreThanTheirMaintenance() {
        // One master per DC, every shard in every DC. The first DC maintained moves its master twice (4, the
        // optimum); the DC maintained last ends with no master, since nothing moves into it once it is done,
        // so one of the other two holds 2 of 3 whatever the targets: 1 more failover, and no fewer will do.
        Fleet f = new Fleet().host("a1", "dc1").host("a2", "dc1").host("a3", "dc1")
                .host("b1", "dc2").host("b2", "dc2").host("b3", "dc2")
                .host("c1", "dc3").host("c2", "dc3").host("c3", "dc3").maxDownDcs(1)
                .cluster("sessions", List.of(List.of("a1:7000", "b1:7000", "c1:7000"),
                        List.of("b2:7001", "c2:7001", "a2:7001"), List.of("c3:7002", "a3:7002", "b3:7002")));
        for (String h : List.of("a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3")) {
            f.maintain("os-" + h, h);
        }
        PlanResult r = plan(f);
        assertThat(strict(f, r)).as(PlanYamlWriter.render(r, null)).isEmpty();
        assertThat(r.waves()).isEqualTo(3);
        assertThat(r.failovers()).isEqualTo(4 + 1);
        assertThat(spreading(r)).isEqualTo(1);
    }

    @Test
    void whenTheLastFailoverCanGoElsewhereItIsRetargetedInsteadOfAddingOne() {
        // Five DCs, one host each, maintained one at a time. Shard 7002's master (d1) could move to any DC done
        // by then; the least crowded at that moment is dc2, where shard 7000's master also ends: 2 of 3. Its
        // target is moved to dc3 instead: one failover per master, the lower bound, and spread.
        Fleet f = new Fleet().host("d1h1", "dc1").host("d2h1", "dc2").host("d3h1", "dc3").host("d4h1", "dc4")
                .host("d5h1", "dc5").maxDownDcs(1)
                .cluster("sessions", List.of(List.of("d4h1:7000", "d2h1:7000"),
                        List.of("d5h1:7001", "d1h1:7001", "d4h1:7001", "d3h1:7001", "d2h1:7001"),
                        List.of("d1h1:7002", "d5h1:7002", "d2h1:7002", "d4h1:7002", "d3h1:7002")));
        for (String h : List.of("d1h1", "d2h1", "d3h1", "d4h1", "d5h1")) {
            f.maintain("os-" + h, h);
        }
        PlanResult r = Planner.plan(f.loaded(), PlanOptions.DEFAULT.withSearch(0, false));
        String yaml = PlanYamlWriter.render(r, null);
        assertThat(strict(f, r)).as(yaml).isEmpty();
        assertThat(r.failovers()).as(yaml).isEqualTo(3).isEqualTo(r.bounds().failovers());
        assertThat(spreading(r)).isZero();
        assertThat(r.inserted().values()).as(yaml).anyMatch(why -> why.contains("there it leaves the masters of sessions spread"));
    }

    @Test
    void whenNoPlacementCanSpreadThemThePlanIsAsBeforeAndTheWarningSaysToChangeTheLayout() {
        // dc3 exists (an app runs there) but no shard reaches it: one of dc1/dc2 always holds 2 of 3 masters.
        Fleet f = new Fleet().host("r1", "dc1").host("r2", "dc2").host("a3", "dc3").maxDownDcs(1)
                .app("api", 0, "a3:8080")
                .cluster("sessions", List.of(List.of("r1:7000", "r2:7000"), List.of("r2:7001", "r1:7001"),
                        List.of("r1:7002", "r2:7002")));
        f.maintain("os-r1", "r1").maintain("os-r2", "r2").maintain("os-a3", "a3");
        PlanResult r = plan(f);
        assertThat(spreading(r)).isZero();
        assertThat(r.failovers()).isEqualTo(Optimum.find(f.inventory(), f.plan(), 0).failovers());
        List<Diagnostic> found = strict(f, r);
        assertThat(found).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(found).isNotEmpty().allSatisfy(d -> {
            assertThat(d.rule()).isEqualTo("cluster-dc-majority");
            assertThat(d.fix()).contains("this layout cannot avoid it");
        });
    }

    @Test
    void underKeepOrderTheSpreadingFailoverComesLast() {
        // Written dc2, dc1, dc3 (as plans/redis-cluster plans it): dc2 ends with 2 of the 3 masters.
        Fleet f = new Fleet().host("r1", "dc1").host("r2", "dc2").host("r3", "dc3")
                .host("r4", "dc2").host("r5", "dc3").host("r6", "dc1").maxDownDcs(1)
                .cluster("sessions", List.of(List.of("r1:7000", "r4:7000"), List.of("r2:7000", "r5:7000"),
                        List.of("r3:7000", "r6:7000")));
        for (String h : List.of("r2", "r4", "r1", "r6", "r3", "r5")) {
            f.maintain("os-" + h, h);
        }
        PlanResult r = Planner.plan(f.loaded(), new PlanOptions(0, true));
        assertThat(strict(f, r)).as(PlanYamlWriter.render(r, null)).isEmpty();
        List<Step> steps = r.plan().steps();
        Step last = steps.get(steps.size() - 1);
        assertThat(last.isFailover()).isTrue();
        StepGraph g = StepGraph.of(r.plan());
        for (Step s : steps.subList(0, steps.size() - 1)) {
            assertThat(g.precedes(s, last)).as("%s before %s", s.id(), last.id()).isTrue();
        }
    }

    private static Fleet cyclic() {
        Fleet f = new Fleet().host("r1", "dc1").host("r2", "dc2").host("r3", "dc3")
                .host("r4", "dc2").host("r5", "dc3").host("r6", "dc1").maxDownDcs(1)
                .cluster("sessions", List.of(List.of("r1:7000", "r4:7000"), List.of("r2:7000", "r5:7000"),
                        List.of("r3:7000", "r6:7000")));
        for (String h : List.of("r1", "r2", "r3", "r4", "r5", "r6")) {
            f.maintain("os-" + h, h);
        }
        return f;
    }

    // ---- generated layouts ----

    /**
     * A Redis Cluster over 2 to 5 DCs: 3 to 7 shards, each with its master in one DC and replicas in
     * 1 to all of the others; 1 or 2 hosts per DC, so that hosts may hold several instances; the
     * masters spread one DC after another (mostly) or anywhere; a rolling maintenance of every host,
     * under max_down_dcs 1 or not.
     */
    record Layout(int dcs, List<List<String>> shards, int hostsPerDc, boolean oneDcAtATime) {
        Fleet fleet() {
            Fleet f = new Fleet();
            for (int d = 1; d <= dcs; d++) {
                for (int h = 1; h <= hostsPerDc; h++) {
                    f.host("d" + d + "h" + h, "dc" + d);
                }
            }
            if (oneDcAtATime) {
                f.maxDownDcs(1);
            }
            f.cluster("sessions", shards);
            for (int d = 1; d <= dcs; d++) {
                for (int h = 1; h <= hostsPerDc; h++) {
                    f.maintain("os-d" + d + "h" + h, "d" + d + "h" + h);
                }
            }
            return f;
        }

        /** The DCs each shard has an instance in. */
        List<Set<String>> dcsOfShards() {
            List<Set<String>> out = new ArrayList<>();
            for (List<String> shard : shards) {
                Set<String> in = new TreeSet<>();
                shard.forEach(e -> in.add("dc" + e.charAt(1)));
                out.add(in);
            }
            return out;
        }

        boolean declaredSpread() {
            Map<String, Integer> count = new HashMap<>();
            shards.forEach(s -> count.merge("dc" + s.get(0).charAt(1), 1, Integer::sum));
            return count.values().stream().allMatch(n -> 2 * n < shards.size());
        }
    }

    static final Gen<Layout> LAYOUTS = r -> {
        int dcs = Gen.ints(2, 5).next(r);
        int shards = Gen.ints(3, 7).next(r);
        int hostsPerDc = Gen.ints(1, 2).next(r);
        boolean roundRobin = r.nextInt(4) != 0;
        int offset = r.nextInt(dcs);
        List<List<String>> out = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            int master = roundRobin ? (offset + s) % dcs : r.nextInt(dcs);
            List<Integer> others = new ArrayList<>();
            for (int d = 0; d < dcs; d++) {
                if (d != master) {
                    others.add(d);
                }
            }
            java.util.Collections.shuffle(others, new java.util.Random(r.nextLong()));
            int replicas = r.nextInt(3) == 0 ? others.size() : Gen.ints(1, others.size()).next(r);
            List<String> shard = new ArrayList<>();
            shard.add(instance(master, r.nextInt(hostsPerDc), s));
            for (int k = 0; k < replicas; k++) {
                shard.add(instance(others.get(k), r.nextInt(hostsPerDc), s));
            }
            out.add(List.copyOf(shard));
        }
        return new Layout(dcs, List.copyOf(out), hostsPerDc, r.nextBoolean());
    };

    private static boolean placeable(List<Set<String>> dcsOfShards) {
        List<Map<String, Integer>> free = new ArrayList<>();
        for (Set<String> dcs : dcsOfShards) {
            Map<String, Integer> costs = new HashMap<>();
            dcs.forEach(dc -> costs.put(dc, 0));
            free.add(costs);
        }
        return MasterPlacement.cheapest(free).isPresent();
    }

    private static String instance(int dc, int host, int shard) {
        return "d" + (dc + 1) + "h" + (host + 1) + ":" + (7000 + shard);
    }

    static Stream<Arguments> layouts() {
        return Samples.of("layouts", 60, LAYOUTS);
    }

    @Property
    @MethodSource("layouts")
    void plansPassStrictWheneverAPlacementCanSpreadTheMasters(Layout layout) {
        Fleet f = layout.fleet();
        PlanResult r = plan(f);
        // Every host can be maintained: each shard has its instances on hosts in different DCs.
        assertThat(r.refusal()).as("refused").isEmpty();
        String yaml = PlanYamlWriter.render(r, null);
        List<Diagnostic> found = strict(f, r);
        assertThat(found).as(yaml).filteredOn(Diagnostic::isError).isEmpty();
        boolean placeable = placeable(layout.dcsOfShards());
        if (layout.declaredSpread()) {
            assertThat(placeable).as("the declared masters are a placement").isTrue();
            assertThat(found).as("validate --strict\n%s", yaml).isEmpty();
        } else {
            assertThat(spreading(r)).as("crowded before the plan: nothing added\n%s", yaml).isZero();
            assertThat(found).as(yaml).allSatisfy(d -> assertThat(d.rule()).isEqualTo("cluster-dc-majority"));
            if (!placeable) {
                assertThat(found).as(yaml).isNotEmpty()
                        .anySatisfy(d -> assertThat(d.fix()).contains("this layout cannot avoid it"));
            }
        }
    }
}
