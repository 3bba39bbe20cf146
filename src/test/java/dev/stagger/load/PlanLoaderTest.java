package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {
    static final Inventory INVENTORY = InventoryLoader.parse(InventoryLoaderTest.FULL, "inventory.yaml");

    static Plan plan(String steps) {
        return PlanLoader.parse("plan: p\norder: graph\nsteps:\n" + steps, "plan.yaml", INVENTORY);
    }

    static List<Target> targets(String selector) {
        return plan("  - maintain: " + selector + "\n").steps().get(0).targets();
    }

    @Test
    void everySelectorResolvesToSortedDistinctTargets() {
        assertThat(targets("app1")).containsExactly(Target.host("app1"));
        assertThat(targets("[app2, app1, app2]")).containsExactly(Target.host("app1"), Target.host("app2"));
        assertThat(targets("cache@app1")).containsExactly(new Target("app1", "cache"));
        assertThat(targets("dc:dc1")).containsExactly(Target.host("app1"), Target.host("r1"));
        assertThat(targets("service:sessions")).containsExactly(Target.host("r1"), Target.host("r2"));
        assertThat(targets("\"app*\"")).containsExactly(Target.host("app1"), Target.host("app2"));
        assertThat(targets("\"r[12]\"")).containsExactly(Target.host("r1"), Target.host("r2"));
        assertThat(targets("\"?pp[!1]\"")).containsExactly(Target.host("app2"));
        assertThat(targets("[cache@app1, app1, api@app2]"))
                .as("a whole host covers its services").containsExactly(Target.host("app1"), new Target("app2", "api"));
    }

    @Test
    void readsStepFieldsAndDefaultIds() {
        Plan p = PlanLoader.parse("""
                plan: drive-replacement
                inventory: ../inv/inventory.yaml
                steps:
                  - maintain: [app1]
                    down: ["ssh", "{host}", "stop"]
                    do: ["ssh", "{address}", "fix", "{host}@{address}", 5]
                    up: ["ssh", "{host}", "start"]
                    min_ready: 45s
                    ready_timeout: 20m
                    note: drives
                  - id: move
                    failover: cache
                    to: app1:6379
                    after: step-1
                  - stop: app2
                  - start: app2
                  - failover: sessions
                    shard: r1:7000
                  - failover: single
                """, "plans/x/plan.yaml", INVENTORY);

        assertThat(p.name()).isEqualTo("drive-replacement");
        assertThat(p.order()).isEqualTo(Order.SEQUENCE);
        assertThat(p.inventoryPath()).isEqualTo(Path.of("plans/inv/inventory.yaml").toString());
        assertThat(p.steps()).extracting(Step::id).containsExactly("step-1", "move", "step-3", "step-4", "step-5", "step-6");
        Step first = p.steps().get(0);
        assertThat(first.hooks()).isEqualTo(new Hooks(List.of("ssh", "{host}", "stop"),
                List.of("ssh", "{address}", "fix", "{host}@{address}", "5"), List.of("ssh", "{host}", "start")));
        assertThat(first.minReady()).isEqualTo(Duration.ofSeconds(45));
        assertThat(first.readyTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(first.note()).isEqualTo("drives");
        assertThat(first.position().line()).isEqualTo(4);
        assertThat(first.position().column()).isEqualTo(5);
        assertThat(p.steps().get(1).action()).isEqualTo(new StepAction.Failover("cache", Endpoint.of("app1", 6379), null));
        assertThat(p.steps().get(1).after()).containsExactly("step-1");
        assertThat(p.steps().get(2).action()).isEqualTo(new StepAction.Stop(List.of(Target.host("app2"))));
        assertThat(p.steps().get(3).action()).isEqualTo(new StepAction.Start(List.of(Target.host("app2"))));
        assertThat(p.steps().get(4).action()).isEqualTo(new StepAction.Failover("sessions", null, Endpoint.of("r1", 7000)));
        assertThat(p.steps().get(5).action()).isEqualTo(new StepAction.Failover("single", null, null));
        assertThat(p.steps().get(2).minReady()).as("null means the inventory default").isNull();
    }

    @Test
    void rollingExpandsToOneMaintainPerHostSharingTheAfter() {
        Plan p = plan("""
                  - id: first
                    maintain: [arb3]
                  - id: kernel
                    rolling: [cache@app2, app1, api@app2]
                    after: [first]
                    do: ["reboot"]
                  - id: last
                    maintain: [r1]
                    after: kernel
                """);

        assertThat(p.steps()).extracting(Step::id).containsExactly("first", "kernel/app1", "kernel/app2", "last");
        Step app2 = p.steps().get(2);
        assertThat(app2.rollingGroup()).isEqualTo("kernel");
        assertThat(app2.targets()).containsExactly(new Target("app2", "api"), new Target("app2", "cache"));
        assertThat(app2.after()).containsExactly("first");
        assertThat(app2.hooks().doCommand()).containsExactly("reboot");
        assertThat(p.steps().get(3).after()).as("naming a rolling step means all of it")
                .containsExactly("kernel/app1", "kernel/app2");

        StepGraph g = StepGraph.of(p);
        assertThat(g.mayOverlap(p.steps().get(1), app2)).as("graph order: unordered among themselves").isTrue();
    }

    @Test
    void inSequenceOrderRollingHostsRunOneAtATime() {
        Plan p = PlanLoader.parse("plan: p\nsteps:\n  - rolling: service:api\n", "plan.yaml", INVENTORY);

        StepGraph g = StepGraph.of(p);
        assertThat(p.steps()).extracting(Step::id).containsExactly("step-1/app1", "step-1/app2");
        assertThat(g.precedes(p.steps().get(0), p.steps().get(1))).isTrue();
    }

    @Test
    void afterNamingOneHostStepOfARollingStep() {
        Plan p = plan("""
                  - id: roll
                    rolling: "app*"
                  - id: next
                    maintain: [r1]
                    after: [roll/app2]
                """);

        assertThat(p.step("next").orElseThrow().after()).containsExactly("roll/app2");
    }

    @Test
    void loadResolvesTheInventoryNextToThePlanAndOverrideWins(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("plans"));
        Files.writeString(dir.resolve("plans/inventory.yaml"), InventoryLoaderTest.FULL);
        Files.writeString(dir.resolve("other.yaml"), InventoryLoaderTest.FULL.replace("api-moscow", "other"));
        Path planFile = dir.resolve("plans/plan.yaml");
        Files.writeString(planFile, "plan: p\ninventory: inventory.yaml\nsteps:\n  - maintain: app1\n");

        LoadedPlan loaded = PlanLoader.load(planFile, null);
        assertThat(loaded.inventory().cluster()).isEqualTo("api-moscow");
        assertThat(loaded.inventory().file()).isEqualTo(dir.resolve("plans/inventory.yaml").toString());

        LoadedPlan overridden = PlanLoader.load(planFile, dir.resolve("other.yaml"));
        assertThat(overridden.inventory().cluster()).isEqualTo("other");
    }

    @Test
    void aPlanWithoutInventoryLoadsWithTheOverride(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inv.yaml"), InventoryLoaderTest.FULL);
        Path planFile = dir.resolve("plan.yaml");
        Files.writeString(planFile, "plan: p\nsteps:\n  - maintain: app1\n");

        assertThat(PlanLoader.load(planFile, dir.resolve("inv.yaml")).plan().inventoryPath()).isNull();
    }

    @Test
    void allErrorsOfAFileInOnePassInFileOrder() {
        StaggerException e = catchThrowableOfType(StaggerException.class, () -> plan("""
                  - maintain: [app9]
                    after: [nothing]
                  - failover: api
                  - stop: [dc:dc7]
                    min_helthy: 1
                """));

        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.diagnostics()).extracting(Diagnostic::render).containsExactly(
                "plan.yaml:4:16: error: unknown host `app9`; did you mean `app1`?",
                "plan.yaml:5:13: error: unknown step `nothing` (known: step-2, step-3)",
                "plan.yaml:6:15: error: `api` is an app service: failover needs a redis or redis-cluster service"
                        + " (cache, single, sessions)",
                "plan.yaml:7:12: error: unknown data centre `dc7`; did you mean `dc1`?",
                "plan.yaml:8:5: error: unknown key `min_helthy` (expected one of: id, maintain, rolling, stop, start,"
                        + " failover, to, shard, after, do, down, up, min_ready, ready_timeout, hook_timeout, note)");
    }
}
