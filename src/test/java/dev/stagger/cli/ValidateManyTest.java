package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** validate over several plans, standard input, and inline suppressions, through the real command line. */
class ValidateManyTest {
    private static final String SAFE = "plans/seed-000/safe.yaml";
    private static final String UNSAFE = "plans/seed-000/unsafe.yaml";
    private static final String INVENTORY = "plans/seed-000/inventory.yaml";

    @TempDir
    Path tmp;

    @Test
    void severalFilesGiveOneReportAndTheWorstExitCode() {
        CliResult r = CliResult.run("validate", SAFE, UNSAFE);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).contains("SAFE: " + SAFE).contains("UNSAFE: " + UNSAFE)
                .endsWith("2 plans: 1 safe, 1 unsafe, 0 not checked (bad input)\n");
    }

    @Test
    void aDirectoryAndAQuotedGlobAreExpandedByStagger() {
        CliResult dir = CliResult.run("validate", "plans/seed-000");
        assertThat(dir.out()).as(dir.toString()).contains("SAFE: " + SAFE).contains("UNSAFE: " + UNSAFE)
                .doesNotContain("inventory.yaml: ");
        CliResult glob = CliResult.run("validate", "plans/*/safe.yaml", "plans/**/rolling.yaml");
        assertThat(glob.out()).as(glob.toString()).contains("SAFE: " + SAFE)
                .contains("plans/rolling-restart/rolling.yaml").contains("plans/redis-cluster/rolling.yaml")
                .contains("3 plans:");
    }

    @Test
    void badInputAmongManyIsExitTwoInEveryFormatWithTheOthersStillChecked() throws Exception {
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, "plan: broken\ninventory: " + Path.of(INVENTORY).toAbsolutePath()
                + "\nsteps:\n  - maintian: [app1]\n");
        for (String format : List.of("text", "json", "junit", "github", "sarif")) {
            CliResult r = CliResult.run("validate", "--format", format, SAFE, broken.toString(), "nowhere/*.yaml");
            assertThat(r.exitCode()).as(format + " " + r).isEqualTo(2);
            assertThat(r.err()).as(format + " " + r).contains(broken + ":4:5: error: unknown key `maintian`");
            switch (format) {
                case "text" -> assertThat(r.out()).contains("SAFE: " + SAFE)
                        .contains("INVALID: " + broken + ": 1 error in the input")
                        .contains("3 plans: 1 safe, 0 unsafe, 2 not checked (bad input)");
                case "json" -> {
                    Map<String, Object> root = MiniJson.object(r.out());
                    assertThat(root).containsEntry("exit_code", 2.0).containsEntry("safe", false);
                    assertThat(ValidateSarifTest.list(root.get("plans"))).as("in the order named")
                            .extracting(p -> p.get("plan")).containsExactly(SAFE, broken.toString(), "nowhere/*.yaml");
                    assertThat(r.out()).contains("\"rule\": \"input\"").contains("no plan matches nowhere/*.yaml");
                }
                case "junit" -> assertThat(xml(r.out()).getElementsByTagName("testsuite").getLength()).isEqualTo(3);
                case "github" -> assertThat(r.out()).contains("::error file=" + broken + ",line=4,col=5,title=stagger input::");
                default -> assertThat(r.out()).contains("\"ruleId\": \"input\"");
            }
        }
    }

    @Test
    void aSinglePlanKeepsItsOneReportShape() {
        CliResult r = CliResult.run("validate", "--format", "json", SAFE);
        assertThat(MiniJson.object(r.out())).containsKeys("plan", "safe", "violations").doesNotContainKey("plans");
    }

    @Test
    void stdinNeedsAnInventoryAndIsReportedAsStdin() throws Exception {
        CliResult refused = CliResult.run("validate", "-");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("validate -: a plan read from standard input").contains("pass -i INVENTORY");

        CliResult r = withStdin(Files.readString(Path.of(UNSAFE)), "validate", "-", "-i", INVENTORY);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("<stdin>:8:5: error: [master-down]").contains("UNSAFE: <stdin>");
    }

    @Test
    void aSuppressedFindingIsListedWithItsReasonAndFailsNeitherTheCheckNorStrict() throws Exception {
        Path plan = suppressedPlan();
        CliResult r = CliResult.run("validate", "--strict", plan.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        // Only the master-down error of dc1-drives was accepted; the overlap findings still fail.
        assertThat(r.out()).as(r.toString())
                .contains(plan + ":8:5: suppressed error: [master-down]")
                .contains("allowed: cache is a throwaway cache in this drill")
                .contains("(1 suppressed)");

        Path all = tmp.resolve("all.yaml");
        Files.writeString(all, Files.readString(Path.of(SAFE)).replace("inventory: inventory.yaml",
                "inventory: " + Path.of(INVENTORY).toAbsolutePath()));
        assertThat(CliResult.run("validate", "--strict", all.toString()).exitCode()).isZero();

        CliResult json = CliResult.run("validate", "--format", "json", plan.toString());
        assertThat(json.out()).contains("\"suppressed\": {\n        \"reason\": \"cache is a throwaway cache in this drill\"");
        CliResult github = CliResult.run("validate", "--format", "github", plan.toString());
        assertThat(github.out()).contains("::notice file=" + plan + ",line=8,col=5,title=stagger master-down (suppressed)::");
        CliResult junit = CliResult.run("validate", "--format", "junit", plan.toString());
        assertThat(junit.out()).contains("<skipped message=\"suppressed: cache is a throwaway cache in this drill\"/>");
    }

    /** seed-000's unsafe plan with master-down of its first step accepted. */
    Path suppressedPlan() throws Exception {
        Path plan = tmp.resolve("unsafe.yaml");
        String text = Files.readString(Path.of(UNSAFE))
                .replace("inventory: inventory.yaml", "inventory: " + Path.of(INVENTORY).toAbsolutePath())
                .replace("- id: dc1-drives", "- id: dc1-drives  # stagger: allow master-down -- cache is a throwaway cache in this drill");
        assertThat(text).contains("# stagger: allow");
        Files.writeString(plan, text);
        return plan;
    }

    static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Standard input is the process's: swapped for this call only (tests in this JVM run one at a time). */
    private static CliResult withStdin(String text, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return CliResult.run(args);
        } finally {
            System.setIn(saved);
        }
    }
}
