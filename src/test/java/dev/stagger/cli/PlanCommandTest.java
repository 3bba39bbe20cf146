package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code stagger plan} and {@code stagger graph} end to end, with golden files for every plan in
 * plans/ (regenerate with {@code -Dbless=true}); every planned plan must validate.
 */
class PlanCommandTest {
    private static final Path GOLDEN = Path.of("src/test/resources/plan/golden");

    static Stream<Path> plans() throws IOException {
        return BundledPlansTest.plans();
    }

    @ParameterizedTest
    @MethodSource("plans")
    void goldenYamlJsonAndMermaid(Path plan) throws IOException {
        String base = GoldenFile.nameOf(plan);
        for (String format : List.of("yaml", "json", "mermaid")) {
            CliResult r = CliResult.run("plan", plan.toString(), "--format", format);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            golden(base + "." + format, r.out());
            assertThat(CliResult.run("plan", plan.toString(), "--format", format).out()).isEqualTo(r.out());
        }
    }

    @ParameterizedTest
    @MethodSource("plans")
    void everyPlannedPlanValidates(Path plan, @TempDir Path dir) {
        Path out = dir.resolve("planned.yaml");
        CliResult r = CliResult.run("plan", plan.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).as(r.toString()).containsPattern("waves \\d+ \\(lower bound \\d+\\), failovers \\d+ \\(lower bound \\d+\\)");
        CliResult v = CliResult.run("validate", out.toString(), "--format", "json");
        assertThat(v.exitCode()).as(v.toString()).isZero();
        // The only warning a planned plan may carry: Redis Cluster masters crowded in one data centre,
        // which the inventory itself can force (every DC holds a master, so any move crowds one).
        for (Object o : (java.util.List<?>) MiniJson.object(v.out()).get("violations")) {
            assertThat(((java.util.Map<?, ?>) o).get("rule")).as(v.toString()).isEqualTo("cluster-dc-majority");
        }
    }

    @Test
    void summaryGivesTheWavesTheirDataCentresAndTheBoundsNotEveryStep() {
        CliResult r = CliResult.run("plan", "plans/redis-cluster/rolling.yaml", "--format", "summary");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("plan sessions-os-update: 6 steps in 3 waves, 5 failovers\n")
                .contains("  wave 1: 2 steps in dc2, 1 failover\n")
                .contains("waves 3, lower bound 3: ").contains("failovers 5, lower bound 3: ")
                .contains("above the bound: sessions shard r2:7000 moves 2 times")
                .doesNotContain("os/r1");
    }

    @Test
    void plannedYamlHasAHeaderPerWaveAndSaysASharedReasonOnce() {
        CliResult r = CliResult.run("plan", "plans/redis-cluster/rolling.yaml");
        assertThat(r.out()).contains("  # wave 1: 2 steps in dc2, 1 failover\n  # added: os/r2 takes down")
                .contains("  # wave 3: 2 steps in dc3, 3 failovers\n")
                .contains("      # added, the 2 below: wave 2 of the fewest-waves schedule starts after wave 1\n"
                        + "      - os/r2\n      - os/r4\n");
    }

    @Test
    void aWaveHeaderCountsTheStepsThatTakeNoInstanceDownInsteadOfHidingThemInItsDataCentre(@TempDir Path dir)
            throws IOException {
        // spare2 (dc2) runs nothing: it fits in wave 1 beside dc1's hosts, and "2 steps in dc1" would hide it.
        Files.writeString(dir.resolve("inventory.yaml"), """
                cluster: idle-hosts
                hosts:
                  web1: { dc: dc1 }
                  web2: { dc: dc2 }
                  spare2: { dc: dc2 }
                services:
                  api:
                    kind: app
                    instances: [web1, web2]
                    min_healthy: 1
                """);
        Files.writeString(dir.resolve("plan.yaml"), """
                plan: idle
                inventory: inventory.yaml
                steps:
                  - id: all
                    rolling: "*"
                """);
        CliResult r = CliResult.run("plan", dir.resolve("plan.yaml").toString(), "--format", "summary");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("  wave 1: 2 steps in dc1 (1 of them takes no instance down), 0 failovers\n")
                .contains("  wave 2: 1 step in dc2, 0 failovers\n");
    }

    @Test
    void plannedDotPutsEachWaveOnOneRank() {
        CliResult r = CliResult.run("graph", "plans/redis-cluster/rolling.yaml", "--planned");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("  { rank=same; \"os/r2\"; \"os/r4\"; }\n");
    }

    @Test
    void aWrittenMoveBackIsKeptAndValidatesAndOneThatCannotBeIsDroppedWithTheReasonOnStderr(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("plans/seed-000/inventory.yaml"), dir.resolve("inventory.yaml"));
        String plan = """
                plan: back-home
                inventory: inventory.yaml
                steps:
                  - id: dc2-drives
                    maintain: [app2]
                  - id: move-cache-master
                    failover: cache
                    to: app2:6379
                  - id: dc1-drives
                    %s: [app1]
                  - id: move-back
                    failover: cache
                    to: app1:6379
                """;
        Files.writeString(dir.resolve("plan.yaml"), plan.formatted("maintain"));
        CliResult r = CliResult.run("plan", dir.resolve("plan.yaml").toString(), "-o", dir.resolve("out.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("failovers 2 (lower bound 1)")
                .contains("above the bound: failovers 2 > lower bound 1: move-back is the operator's failover, kept as written")
                .doesNotContain("dropped").doesNotContain("retargeted");
        assertThat(Files.readString(dir.resolve("out.yaml"))).contains("""
                  - id: move-back
                    failover: cache
                    to: app1:6379
                    after:
                      - dc1-drives  # added: order: sequence: written before move-back
                """);
        CliResult validated = CliResult.run("validate", dir.resolve("out.yaml").toString());
        assertThat(validated.exitCode()).as(validated.toString()).isZero();

        Files.writeString(dir.resolve("plan.yaml"), plan.formatted("stop"));
        r = CliResult.run("plan", dir.resolve("plan.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("dropped: written step move-back (failover cache to app1:6379) is not in the plan: "
                + "no-failover-target: move-back has no healthy replica of cache to promote: app1:6379 is left down by dc1-drives")
                .doesNotContain("move-cache-master");
        assertThat(r.out()).doesNotContain("move-back");
    }

    @Test
    void seed000ComesOutAsTwoWavesAndOneFailover() {
        CliResult r = CliResult.run("plan", "plans/seed-000/unsafe.yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("waves 2 (lower bound 2), failovers 1 (lower bound 1)");
        assertThat(r.out()).contains("failover: cache\n    to: app2:6379").contains("inventory: inventory.yaml");
        assertThat(r.out().indexOf("id: dc2-drives")).isLessThan(r.out().indexOf("id: failover-cache"));
        assertThat(r.out().indexOf("id: failover-cache")).isLessThan(r.out().indexOf("id: dc1-drives"));
    }

    @Test
    void aPlanWithNoSafeOrderExitsOneWithRuleStepAndFix(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("inventory.yaml"), """
                cluster: tiny
                hosts:
                  a1: { dc: dc1, address: 10.0.0.1 }
                services:
                  api:
                    kind: app
                    instances: [a1]
                    min_healthy: 1
                    health: tcp://{address}:80
                """);
        Files.writeString(dir.resolve("plan.yaml"), """
                plan: patch
                inventory: inventory.yaml
                steps:
                  - id: patch
                    maintain: a1
                """);
        CliResult r = CliResult.run("plan", dir.resolve("plan.yaml").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("[min-healthy] patch takes down 1 of 1 api instances")
                .contains("fix: give api a second instance or lower min_healthy to 0")
                .contains("no safe order exists");
    }

    @Test
    void outputFileGetsAnInventoryPathRelativeToItself(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("deep/er/planned.yaml");
        Files.createDirectories(out.getParent());
        CliResult r = CliResult.run("plan", "plans/seed-000/unsafe.yaml", "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String inventory = Files.readString(out).lines().filter(l -> l.startsWith("inventory: ")).findFirst().orElseThrow()
                .substring("inventory: ".length());
        assertThat(out.getParent().resolve(inventory).normalize()).isEqualTo(Path.of("plans/seed-000/inventory.yaml").toAbsolutePath().normalize());
    }

    @Test
    void keepOrderAndMaxParallelAreHonoured() {
        CliResult keep = CliResult.run("plan", "plans/seed-000/unsafe.yaml", "--keep-order");
        assertThat(keep.exitCode()).as(keep.toString()).isZero();
        assertThat(keep.err()).contains("failovers 2 (lower bound 1)").contains("cache moves 2 times");
        CliResult two = CliResult.run("plan", "plans/rolling-restart/all-at-once.yaml", "--max-parallel", "1");
        assertThat(two.err()).contains("waves 8 (lower bound 8)");
        CliResult bad = CliResult.run("plan", "plans/rolling-restart/all-at-once.yaml", "--max-parallel", "-1");
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void graphDrawsTheWrittenOrThePlannedGraph() {
        CliResult written = CliResult.run("graph", "plans/seed-000/unsafe.yaml");
        assertThat(written.exitCode()).as(written.toString()).isZero();
        assertThat(written.out()).startsWith("digraph").doesNotContain("failover-cache");
        CliResult planned = CliResult.run("graph", "plans/seed-000/unsafe.yaml", "--planned", "--format", "dot");
        assertThat(planned.out()).contains("\"failover-cache\" [label=").contains("style=dashed, color=red, label=\"the master of cache");
        CliResult mermaid = CliResult.run("graph", "plans/seed-000/unsafe.yaml", "--planned", "--format", "mermaid");
        assertThat(mermaid.out()).startsWith("flowchart TB").contains("subgraph wave1").contains("class s1 inserted");
    }

    private static void golden(String name, String actual) throws IOException {
        GoldenFile.assertMatches(GOLDEN.resolve(name), actual);
    }

    @Test
    void everyGoldenFileBelongsToAPlan() throws IOException {
        List<String> expected = new ArrayList<>();
        for (Path p : plans().toList()) {
            String base = GoldenFile.nameOf(p);
            expected.add(base + ".yaml");
            expected.add(base + ".json");
            expected.add(base + ".mermaid");
        }
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).allMatch(expected::contains);
        }
    }
}
