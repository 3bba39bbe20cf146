package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The worked CI example, plans/ci/validate.yml, runs as written: every {@code stagger} command of
 * its {@code run:} steps is run on plans/, and the SARIF, JUnit and JSON files it writes parse and agree.
 */
class CiWorkflowTest {
    private static final Path WORKFLOW = Path.of("plans/ci/validate.yml");

    @Test
    void theWorkflowsStaggerCommandsRunOnPlansAndTheirReportsParse() throws Exception {
        List<String> commands = staggerCommands();
        assertThat(commands).as("stagger commands in %s", WORKFLOW).hasSize(4);

        Map<String, String> written = new HashMap<>();
        for (String command : commands) {
            List<String> words = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
            String target = null;
            int redirect = words.indexOf(">");
            if (redirect >= 0) {
                target = words.get(redirect + 1);
                words = words.subList(0, redirect);
            }
            assertThat(words.get(0)).isEqualTo("stagger");
            CliResult r = CliResult.run(words.subList(1, words.size()).toArray(String[]::new));
            // plans/ holds deliberately unsafe examples (each says so in its `# expect:` line): exit 1, not 2.
            assertThat(r.exitCode()).as(command + "\n" + r).isEqualTo(1);
            written.put(target == null ? "stdout" : target, r.out());
        }
        assertThat(written).containsKeys("stdout", "stagger.sarif", "stagger-junit.xml", "stagger.json");
        assertThat(written.get("stdout").lines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("::"));

        Map<String, Object> json = MiniJson.object(written.get("stagger.json"));
        List<Map<String, Object>> plans = ValidateSarifTest.list(json.get("plans"));
        List<String> bundled;
        try (var stream = BundledPlansTest.plans()) {
            bundled = stream.map(Path::toString).sorted().toList();
        }
        assertThat(plans.stream().map(p -> (String) p.get("plan")).sorted().toList())
                .as("every bundled plan, and nothing else (inventories and this workflow skipped)")
                .isEqualTo(bundled);
        long findings = plans.stream().mapToLong(p -> ValidateSarifTest.list(p.get("violations")).size()).sum();

        Map<String, Object> sarif = MiniJson.object(written.get("stagger.sarif"));
        assertThat(sarif).containsEntry("version", "2.1.0");
        List<Map<String, Object>> results = ValidateSarifTest.list(
                ValidateSarifTest.list(sarif.get("runs")).get(0).get("results"));
        assertThat(results).hasSize((int) findings);

        Document junit = ValidateManyTest.xml(written.get("stagger-junit.xml"));
        assertThat(junit.getElementsByTagName("testsuite").getLength()).isEqualTo(plans.size());
        assertThat(Integer.parseInt(junit.getDocumentElement().getAttribute("failures"))).isPositive();
    }

    /** The lines of the workflow's {@code run:} steps that call stagger, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> staggerCommands() throws Exception {
        Map<String, Object> workflow = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(WORKFLOW));
        List<String> commands = new ArrayList<>();
        for (Object job : ((Map<String, Object>) workflow.get("jobs")).values()) {
            for (Map<String, Object> step : (List<Map<String, Object>>) ((Map<String, Object>) job).get("steps")) {
                Object run = step.get("run");
                if (run != null) {
                    run.toString().lines().filter(l -> l.trim().startsWith("stagger ")).forEach(commands::add);
                }
            }
        }
        return commands;
    }
}
