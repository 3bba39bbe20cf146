package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ValidateCommandTest {
    private static final String UNSAFE = "plans/seed-000/unsafe.yaml";
    private static final String SAFE = "plans/seed-000/safe.yaml";

    @Test
    void allowFullResyncOnlyMeansSomethingWithLive() {
        CliResult r = CliResult.run("validate", SAFE, "--allow-full-resync");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--allow-full-resync judges live findings: use it with --live");
    }

    @Test
    void safePlanExitsZeroAndSaysSo() {
        CliResult r = CliResult.run("validate", SAFE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString()).contains("SAFE: " + SAFE);
    }

    @Test
    void unsafePlanExitsOneWithLocatedFindingsAndFixes() {
        CliResult r = CliResult.run("validate", UNSAFE);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString())
                .contains("step dc1-drives")
                .contains(UNSAFE + ":8:5: error: [master-down]")
                .contains("fix: ")
                .contains("UNSAFE: " + UNSAFE);
        assertThat(r.out()).doesNotContain("\u001b[");
    }

    @Test
    void jsonFollowsTheSpecSchemaInStableOrder() {
        CliResult r = CliResult.run("validate", UNSAFE, "--format", "json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        Map<String, Object> json = MiniJson.object(r.out());
        assertThat(json.keySet()).startsWith("plan", "safe");
        assertThat(json.get("plan")).isEqualTo(UNSAFE);
        assertThat(json.get("safe")).isEqualTo(false);
        List<?> violations = (List<?>) json.get("violations");
        assertThat(violations).isNotEmpty();
        for (Object o : violations) {
            Map<?, ?> v = (Map<?, ?>) o;
            assertThat(new java.util.ArrayList<Object>(v.keySet())).containsExactly("rule", "severity", "steps", "subject", "message",
                    "file", "line", "column", "fix");
            assertThat(v.get("file")).isEqualTo(UNSAFE);
            assertThat(((Number) v.get("line")).intValue()).isPositive();
        }
        assertThat(CliResult.run("validate", UNSAFE, "--format", "json").out()).isEqualTo(r.out());
    }

    @Test
    void junitIsWellFormedXmlWithACasePerStepAndRule() throws Exception {
        CliResult r = CliResult.run("validate", UNSAFE, "--format", "junit");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        NodeList failures = doc.getElementsByTagName("failure");
        assertThat(cases.getLength()).isGreaterThanOrEqualTo(2 * 9);
        assertThat(failures.getLength()).isPositive();
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("failures")).isEqualTo(Integer.toString(failures.getLength()));
    }

    @Test
    void githubFormatPrintsOneAnnotationPerFinding() {
        CliResult r = CliResult.run("validate", UNSAFE, "--format", "github");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines().toList()).isNotEmpty().allSatisfy(line ->
                assertThat(line).matches("::(error|warning) file=plans/seed-000/unsafe\\.yaml,line=\\d+,col=\\d+,title=stagger [a-z-]+::.+"));
    }

    @Test
    void badInputIsExitTwoWithLocationAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path inv = dir.resolve("inventory.yaml");
        Files.copy(Path.of("plans/seed-000/inventory.yaml"), inv);
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "plan: p\ninventory: inventory.yaml\nsteps:\n  - id: a\n    maintian: [app1]\n");
        CliResult r = CliResult.run("validate", plan.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString())
                .contains(plan + ":5:5: error: ")
                .contains("did you mean `maintain`?")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void githubFormatAnnotatesBadInputToo(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "plan: p\nsteps: [\n");
        CliResult r = CliResult.run("validate", plan.toString(), "-i", "plans/seed-000/inventory.yaml", "--format", "github");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).startsWith("::error file=");
    }

    @Test
    void missingPlanFileIsExitTwo() {
        CliResult r = CliResult.run("validate", "plans/does-not-exist.yaml");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("plans/does-not-exist.yaml");
    }

    @Test
    void unknownFlagIsExitTwoWithASuggestion() {
        CliResult r = CliResult.run("validate", SAFE, "--strcit");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--strcit").contains("--strict").contains("--help");
    }

    @Test
    void badFormatIsExitTwo() {
        CliResult r = CliResult.run("validate", SAFE, "--format", "xml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("xml");
    }

    @Test
    void versionAndHelpExitZero() {
        assertThat(CliResult.run("--version").exitCode()).isZero();
        CliResult help = CliResult.run("validate", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--strict").contains("--format");
    }

    @Test
    void noCommandIsExitTwo() {
        CliResult r = CliResult.run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("validate", "plan", "graph", "run", "status", "discover")
                .doesNotContain("bench");
    }
}
