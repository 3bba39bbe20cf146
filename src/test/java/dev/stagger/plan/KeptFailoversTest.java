package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.load.PlanLoader;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Plan;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.report.PlanYamlWriter;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failovers an operator wrote and the planner did not need: kept after what they followed when
 * safe (by the Checker, or by the planner's rules on plans too large to check), else dropped with the
 * rule and the fix; a reused one keeps the operator's target when that is safe.
 */
class KeptFailoversTest {
    /** Both verdicts: the Checker's (the plan is small) and the planner's own rules (as on a large plan). */
    private static final List<Integer> VERDICTS = List.of(Planner.CHECKED_STEPS, 0);

    @TempDir
    Path dir;

    @Test
    void aMoveBackAtTheEndOfSeed000IsKeptAndTheOutputValidates() throws IOException {
        LoadedPlan loaded = load("""
                  - id: dc2-drives
                    maintain: [app2]
                  - id: move-cache-master
                    failover: cache
                    to: app2:6379
                  - id: dc1-drives
                    maintain: [app1]
                  - id: move-back
                    failover: cache
                    to: app1:6379
                    note: the master lives in dc1
                """);
        for (int checked : VERDICTS) {
            PlanResult r = plan(loaded, checked);
            Step back = r.plan().step("move-back").orElseThrow();
            assertThat(back.action()).isEqualTo(new StepAction.Failover("cache", Endpoint.of("app1", 6379), null));
            assertThat(back.after()).containsExactly("dc1-drives");
            assertThat(back.note()).isEqualTo("the master lives in dc1");
            assertThat(r.writtenFailovers()).isEmpty();
            assertThat(r.failovers()).isEqualTo(2);
            assertThat(r.waves()).isEqualTo(2);
            assertThat(r.waveList().get(1).failovers()).isEqualTo(2);
            assertThat(r.aboveBound()).containsExactly("failovers 2 > lower bound 1: move-back is the operator's failover, "
                    + "kept as written (the maintenance itself does not need it)");
            assertThat(r.plan().steps().get(r.plan().steps().size() - 1).id()).isEqualTo("move-back");
            assertValidates(r, loaded.inventory());
        }
    }

    @Test
    void aMoveBackToAHostLeftDownIsDroppedWithTheRuleAndTheReason() throws IOException {
        LoadedPlan loaded = load("""
                  - id: dc2-drives
                    maintain: [app2]
                  - id: move-cache-master
                    failover: cache
                    to: app2:6379
                  - id: retire-app1
                    stop: [app1]
                  - id: move-back
                    failover: cache
                    to: app1:6379
                """);
        for (int checked : VERDICTS) {
            PlanResult r = plan(loaded, checked);
            assertThat(r.plan().step("move-back")).isEmpty();
            assertThat(r.failovers()).isEqualTo(1);
            assertThat(r.aboveBound()).isEmpty();
            assertThat(r.writtenFailovers().get("move-back"))
                    .startsWith("dropped: written step move-back (failover cache to app1:6379) is not in the plan: no-failover-target: ")
                    .contains("app1:6379 is left down by retire-app1");
            assertValidates(r, loaded.inventory());
        }
    }

    @Test
    void inSequenceOrderAKeptFailoverFollowsEveryStepWrittenBeforeItInGraphOrderOnlyItsAfter() {
        for (boolean sequence : new boolean[] {true, false}) {
            Fleet f = new Fleet().host("app1", "dc1").host("app2", "dc2").host("app3", "dc3")
                    .app("api", 1, List.of("cache"), "app1", "app2")
                    .app("web", 0, "app3")
                    .redis("cache", null, "app1:6379", "app2:6379")
                    .maintain("dc2-drives", "app2")
                    .failover("move-cache-master", "cache", "app2:6379", "dc2-drives")
                    .maintain("dc1-drives", "app1", "move-cache-master")
                    .maintain("web3", "app3")
                    .failover("move-back", "cache", "app1:6379", "dc1-drives");
            if (sequence) {
                f.sequence();
            }
            for (int checked : VERDICTS) {
                PlanResult r = plan(f.loaded(), checked);
                StepGraph g = StepGraph.of(r.plan());
                Step back = r.plan().step("move-back").orElseThrow();
                assertThat(g.precedes(r.plan().step("web3").orElseThrow(), back)).as("sequence %s", sequence).isEqualTo(sequence);
                assertThat(g.precedes(r.plan().step("dc1-drives").orElseThrow(), back)).isTrue();
                if (sequence) {
                    assertThat(r.reasonFor("web3", "move-back")).isEqualTo("order: sequence: written before move-back");
                } else {
                    // The operator's own edge, uncommented as every written edge is.
                    assertThat(back.after()).containsExactly("dc1-drives");
                    assertThat(r.reasonFor("dc1-drives", "move-back")).isNull();
                }
                assertValidates(r, f.inventory());
            }
        }
    }

    @Test
    void aKeptFailoverKeepsItsHooksNoteAndPosition() {
        Fleet f = Fleet.seed000().maintain("dc2-drives", "app2").failover("move", "cache", "app2:6379", "dc2-drives")
                .maintain("dc1-drives", "app1", "move");
        Plan p = f.plan();
        Hooks hooks = new Hooks(List.of(), List.of("notify", "moved"), List.of());
        Step back = new Step("move-back", new StepAction.Failover("cache", Endpoint.of("app1", 6379), null), List.of("dc1-drives"),
                hooks, null, null, "home again", null, new dev.stagger.model.Position("plan.yaml", 9, 5));
        List<Step> steps = new ArrayList<>(p.steps());
        steps.add(back);
        Plan written = new Plan(p.name(), p.file(), p.inventoryPath(), p.order(), steps);
        PlanResult r = Planner.plan(written, f.inventory(), PlanOptions.DEFAULT);
        Step kept = r.plan().step("move-back").orElseThrow();
        assertThat(kept.hooks()).isEqualTo(hooks);
        assertThat(kept.note()).isEqualTo("home again");
        assertThat(kept.position()).isEqualTo(back.position());
        assertThat(r.inserted()).doesNotContainKey("move-back");
    }

    @Test
    void aReusedFailoverKeepsTheOperatorsTargetWhenItIsSafeAndSaysWhyWhenNot() {
        for (int checked : VERDICTS) {
            // app2 and app3 are both untouched: the planner would take app2 (endpoint order); app3 is as safe.
            Fleet safe = threeReplicas().failover("to-app3", "cache", "app3:6379").maintain("m1", "app1", "to-app3");
            PlanResult r = plan(safe.loaded(), checked);
            assertThat(((StepAction.Failover) r.plan().step("to-app3").orElseThrow().action()).to()).isEqualTo(Endpoint.of("app3", 6379));
            assertThat(r.writtenFailovers()).isEmpty();
            assertThat(r.inserted().get("to-app3")).endsWith("move it first to app3:6379 (dc3), as written");
            assertThat(r.reasonFor("to-app3", "m1")).contains("moves to app3:6379 before m1");
            assertValidates(r, safe.inventory());

            Fleet stopped = threeReplicas().stop("retire3", List.of("app3")).failover("to-app3", "cache", "app3:6379")
                    .maintain("m1", "app1", "to-app3");
            r = plan(stopped.loaded(), checked);
            assertThat(((StepAction.Failover) r.plan().step("to-app3").orElseThrow().action()).to()).isEqualTo(Endpoint.of("app2", 6379));
            assertThat(r.writtenFailovers().get("to-app3"))
                    .startsWith("retargeted: written step to-app3 fails over to app2:6379, not to app3:6379 as written: ")
                    .contains("app3:6379 is left down by retire3");
            assertValidates(r, stopped.inventory());
        }
    }

    private static Fleet threeReplicas() {
        return new Fleet().host("app1", "dc1").host("app2", "dc2").host("app3", "dc3")
                .redis("cache", null, "app1:6379", "app2:6379", "app3:6379");
    }

    // ---- generated plans ----

    static Stream<Arguments> fleets() {
        return Samples.of("kept-failovers", 300, Gen.anyLong());
    }

    /**
     * Random small fleets with random written failovers (with and without {@code to:}, between the
     * steps and at the end): every output validates, by either verdict; every written failover is in
     * the plan or said on stderr with a reason; and the figures count what is there.
     */
    @Property
    @MethodSource("fleets")
    void everyOutputValidatesAndEveryWrittenFailoverIsKeptOrExplained(long seed) {
        Fleet f = random(new SplittableRandom(seed));
        for (int checked : VERDICTS) {
            for (PlanOptions options : List.of(PlanOptions.DEFAULT, new PlanOptions(0, true))) {
                PlanResult r = KeptFailovers.keep(f.plan(), f.inventory(), Planner.planned(f.plan(), f.inventory(), options), checked);
                if (r.isRefused()) {
                    continue;
                }
                String yaml = PlanYamlWriter.render(r, "inventory.yaml");
                assertThat(Checker.check(f.inventory(), StepGraph.of(r.plan())).stream().filter(Diagnostic::isError).toList())
                        .as("%s\n%s", f.describe(), yaml).isEmpty();
                for (Step w : f.plan().steps()) {
                    if (w.isFailover()) {
                        assertThat(r.plan().step(w.id()).isPresent() ^ r.writtenFailovers().containsKey(w.id())
                                || r.writtenFailovers().getOrDefault(w.id(), "").startsWith("retargeted: "))
                                .as("%s: %s\n%s", w.id(), r.writtenFailovers(), yaml).isTrue();
                    }
                }
                boolean reused = r.inserted().containsKey("back");
                assertThat(reused ? r.plan().step("back") : r.plan().step("back")).as("back: %s\n%s\n%s", r.writtenFailovers(), f.describe(), yaml)
                        .isEqualTo(reused || backCanBeKept(f, r) ? r.plan().step("back") : java.util.Optional.empty());
                assertThat(r.failovers()).isEqualTo((int) r.plan().steps().stream().filter(Step::isFailover).count());
                if (r.waves() > 0) {
                    assertThat(r.waveList().stream().mapToInt(PlanResult.Wave::failovers).sum()).isEqualTo(r.failovers());
                }
                for (Step s : r.plan().steps()) {
                    if (s.isFailover() && !r.inserted().containsKey(s.id()) && r.failovers() > r.bounds().failovers()) {
                        assertThat(r.aboveBound()).as(yaml).anyMatch(a -> a.contains(s.id()) && a.contains("the operator's"));
                    }
                }
            }
        }
    }

    private static Fleet random(SplittableRandom rnd) {
        Fleet f = new Fleet();
        int hosts = 2 + rnd.nextInt(4);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            f.host("h" + i, "dc" + (1 + rnd.nextInt(3)));
            names.add("h" + i);
        }
        List<String> redis = pick(rnd, names, Math.min(hosts, 2 + rnd.nextInt(2)));
        f.redis("cache", null, redis.stream().map(h -> h + ":6379").toArray(String[]::new));
        f.app("api", rnd.nextInt(2), List.of("cache"), pick(rnd, names, 1 + rnd.nextInt(hosts)).toArray(String[]::new));
        if (rnd.nextInt(4) == 0) {
            f.sequence();
        }
        List<String> ids = new ArrayList<>();
        int failovers = 0;
        for (String h : names) {
            if (rnd.nextInt(10) < 7) {
                String id = "m-" + h;
                if (rnd.nextInt(6) == 0) {
                    f.stop(id, List.of(h));
                } else {
                    f.maintain(id, h, after(rnd, ids));
                }
                ids.add(id);
            }
            if (rnd.nextInt(3) == 0) {
                String id = "fo" + ++failovers;
                f.failover(id, "cache", redis.get(rnd.nextInt(redis.size())) + ":6379", after(rnd, ids));
                ids.add(id);
            }
        }
        String id = "back";
        f.failover(id, "cache", redis.get(0) + ":6379", after(rnd, ids));
        return f;
    }

    /**
     * The move back to the declared master at the end can be kept exactly when its target is up at
     * the end (no step stops it) and is not the master already (the planner's last failover, or none).
     */
    private static boolean backCanBeKept(Fleet f, PlanResult r) {
        Endpoint home = ((StepAction.Failover) f.plan().step("back").orElseThrow().action()).to();
        boolean stopped = f.plan().steps().stream().anyMatch(s -> s.action() instanceof StepAction.Stop st
                && st.targets().stream().anyMatch(t -> t.host().equals(home.host())));
        Endpoint master = home;
        for (Step s : r.plan().steps()) {
            if (s.isFailover() && !s.id().equals("back")) {
                master = ((StepAction.Failover) s.action()).to();
            }
        }
        return !stopped && !master.equals(home);
    }

    private static String[] after(SplittableRandom rnd, List<String> ids) {
        return !ids.isEmpty() && rnd.nextInt(2) == 0 ? new String[] {ids.get(rnd.nextInt(ids.size()))} : new String[0];
    }

    private static List<String> pick(SplittableRandom rnd, List<String> from, int n) {
        List<String> copy = new ArrayList<>(from);
        for (int i = copy.size() - 1; i > 0; i--) {
            java.util.Collections.swap(copy, i, rnd.nextInt(i + 1));
        }
        return copy.subList(0, n);
    }

    // ---- helpers ----

    private static PlanResult plan(LoadedPlan loaded, int checked) {
        return KeptFailovers.keep(loaded.plan(), loaded.inventory(),
                Planner.planned(loaded.plan(), loaded.inventory(), PlanOptions.DEFAULT), checked);
    }

    private LoadedPlan load(String steps) throws IOException {
        Path inventory = dir.resolve("inventory.yaml");
        if (!Files.exists(inventory)) {
            Files.copy(Path.of("plans/seed-000/inventory.yaml"), inventory);
        }
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, "plan: p\ninventory: inventory.yaml\nsteps:\n" + steps);
        return PlanLoader.load(file, null);
    }

    /** The planned plan checked as {@code validate} checks it: no errors. */
    private void assertValidates(PlanResult r, Inventory inventory) {
        assertThat(Checker.check(inventory, StepGraph.of(r.plan())).stream().filter(Diagnostic::isError).toList())
                .as(PlanYamlWriter.render(r, "inventory.yaml")).isEmpty();
    }
}
