package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate --format sarif}: the fields SARIF 2.1.0 and GitHub code scanning require. */
class ValidateSarifTest {
    @TempDir
    Path tmp;

    @Test
    void oneRunWithEveryRuleDescribedAndOneLocatedResultPerFinding() {
        CliResult r = CliResult.run("validate", "--format", "sarif", "plans/seed-000/unsafe.yaml",
                "plans/seed-000/safe.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        Map<String, Object> root = MiniJson.object(r.out());
        assertThat(root).containsEntry("version", "2.1.0").containsKey("$schema");
        assertThat((String) root.get("$schema")).contains("sarif-2.1.0");
        List<Map<String, Object>> runs = list(root.get("runs"));
        assertThat(runs).hasSize(1);
        Map<String, Object> driver = map(map(runs.get(0).get("tool")).get("driver"));
        assertThat(driver).containsEntry("name", "stagger").containsKey("version");
        List<Map<String, Object>> rules = list(driver.get("rules"));
        List<Object> ruleIds = rules.stream().map(x -> x.get("id")).toList();
        assertThat(ruleIds).contains("min-healthy", "master-down", "overlap", "cluster-dc-majority", "left-down")
                .doesNotHaveDuplicates();
        assertThat(rules).allSatisfy(rule -> assertThat((String) map(rule.get("shortDescription")).get("text"))
                .isNotBlank().doesNotStartWith("stagger rule "));

        List<Map<String, Object>> results = list(runs.get(0).get("results"));
        assertThat(results).hasSize(6);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.get("ruleId")).isIn(ruleIds);
            assertThat(rules.get(((Double) result.get("ruleIndex")).intValue()).get("id")).isEqualTo(result.get("ruleId"));
            assertThat(result.get("level")).isIn("error", "warning", "note");
            assertThat((String) map(result.get("message")).get("text")).isNotBlank();
            Map<String, Object> physical = map(list(result.get("locations")).get(0).get("physicalLocation"));
            assertThat(map(physical.get("artifactLocation"))).containsEntry("uri", "plans/seed-000/unsafe.yaml");
            Map<String, Object> region = map(physical.get("region"));
            assertThat((Double) region.get("startLine")).isGreaterThanOrEqualTo(1.0);
            assertThat((Double) region.get("startColumn")).isGreaterThanOrEqualTo(1.0);
            assertThat(result).doesNotContainKey("suppressions");
        });
        assertThat(results.get(0)).containsEntry("ruleId", "master-down").containsEntry("level", "error");
        assertThat(map(map(list(results.get(0).get("locations")).get(0).get("physicalLocation")).get("region")))
                .containsEntry("startLine", 8.0).containsEntry("startColumn", 5.0);
    }

    @Test
    void aSuppressedFindingCarriesAnInSourceSuppressionWithItsReason() throws Exception {
        Path plan = new ValidateManyTest() {{ tmp = ValidateSarifTest.this.tmp; }}.suppressedPlan();
        CliResult r = CliResult.run("validate", "--format", "sarif", plan.toString());
        List<Map<String, Object>> results = list(map(list(MiniJson.object(r.out()).get("runs")).get(0)).get("results"));
        List<Map<String, Object>> suppressed = results.stream().filter(x -> x.containsKey("suppressions")).toList();
        assertThat(suppressed).singleElement().satisfies(x -> {
            assertThat(x).containsEntry("ruleId", "master-down");
            assertThat(list(x.get("suppressions"))).containsExactly(
                    Map.of("kind", "inSource", "justification", "cache is a throwaway cache in this drill"));
        });
    }

    @Test
    void inputErrorsAreResultsOfRuleInputAtTheirLocation() throws Exception {
        Path broken = tmp.resolve("broken plan.yaml");
        Files.writeString(broken, "plan: [\n");
        CliResult r = CliResult.run("validate", "--format", "sarif", broken.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        List<Map<String, Object>> results = list(map(list(MiniJson.object(r.out()).get("runs")).get(0)).get("results"));
        assertThat(results).isNotEmpty().allSatisfy(x -> assertThat(x).containsEntry("ruleId", "input"));
        Map<String, Object> physical = map(list(results.get(0).get("locations")).get(0).get("physicalLocation"));
        assertThat((String) map(physical.get("artifactLocation")).get("uri")).startsWith("file:/").endsWith("broken%20plan.yaml");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
