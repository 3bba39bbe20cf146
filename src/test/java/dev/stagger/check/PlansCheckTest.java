package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.graph.StepGraph;
import dev.stagger.load.InventoryLoader;
import dev.stagger.load.PlanLoader;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker on YAML read by the real loader: the bundled plans and variations of them. */
class PlansCheckTest {

    private static List<Diagnostic> check(String plan) {
        LoadedPlan p = PlanLoader.load(Path.of(plan), null);
        return Checker.check(p.inventory(), StepGraph.of(p.plan()));
    }

    private static List<Diagnostic> check(Inventory inventory, String planYaml) {
        Plan plan = PlanLoader.parse(planYaml, "plan.yaml", inventory);
        return Checker.check(inventory, StepGraph.of(plan));
    }

    private static List<String> rules(List<Diagnostic> d) {
        return d.stream().map(Diagnostic::rule).toList();
    }

    @Test
    void unsafeSeedPointsAtTheSecondStep() {
        List<Diagnostic> d = check("plans/seed-000/unsafe.yaml");
        Diagnostic min = d.stream().filter(x -> x.rule().equals("min-healthy")).findFirst().orElseThrow();
        assertThat(min.position().file()).isEqualTo("plans/seed-000/unsafe.yaml");
        assertThat(min.position().line()).isEqualTo(11);
        assertThat(d.get(0).rule()).isEqualTo("master-down");
        assertThat(d.get(0).position().line()).isEqualTo(8);
    }

    @Test
    void allAtOnceNamesTheFewestStepsAndTheWorstCount() {
        Diagnostic d = check("plans/rolling-restart/all-at-once.yaml").get(0);
        assertThat(d.message()).contains("3 of 8 web instances (min_healthy 75%)", "8 can be down at once");
        assertThat(d.steps()).containsExactly("kernel/web1", "kernel/web2", "kernel/web3");
    }

    @Test
    void theSeedPlanInGraphOrderWithTheSameEdgesAsTheSafeSequenceIsSafe() {
        Inventory inv = InventoryLoader.load(Path.of("plans/seed-000/inventory.yaml"));
        String graph = """
                plan: p
                order: graph
                steps:
                  - id: dc2-drives
                    maintain: app2
                  - id: move
                    failover: cache
                    to: app2:6379
                    after: [dc2-drives]
                  - id: dc1-drives
                    maintain: app1
                    after: [move]
                """;
        assertThat(check(inv, graph)).isEmpty();
        // Dropping one edge lets the failover run while app2 is still down.
        assertThat(rules(check(inv, graph.replace("    after: [dc2-drives]\n", ""))))
                .contains("no-failover-target", "overlap");
    }

    @Test
    void clusterWithTwoMastersOnOneHost() {
        Inventory inv = InventoryLoader.parse("""
                cluster: c
                hosts:
                  r1: { dc: dc1, address: 10.0.0.1 }
                  r2: { dc: dc2, address: 10.0.0.2 }
                  r3: { dc: dc3, address: 10.0.0.3 }
                services:
                  sessions:
                    kind: redis-cluster
                    instances: [r1:7000, r1:7001, r2:7000, r2:7001, r3:7000, r3:7001]
                    shards:
                      - [r1:7000, r2:7001]
                      - [r1:7001, r3:7001]
                      - [r2:7000, r3:7000]
                """, "inventory.yaml");
        List<Diagnostic> naive = check(inv, """
                plan: p
                steps:
                  - id: r1
                    maintain: r1
                """);
        assertThat(rules(naive)).contains("cluster-majority", "master-down", "cluster-dc-majority");
        List<Diagnostic> moved = check(inv, """
                plan: p
                steps:
                  - id: move1
                    failover: sessions
                    shard: r1:7000
                    to: r2:7001
                  - id: move2
                    failover: sessions
                    shard: r1:7001
                    to: r3:7001
                  - id: r1
                    maintain: r1
                """);
        assertThat(moved).noneMatch(Diagnostic::isError);
    }
}
