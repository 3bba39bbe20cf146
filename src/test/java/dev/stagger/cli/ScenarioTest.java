package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Incident scenarios written as a user would write them (src/test/resources/scenarios/NAME/plan.yaml),
 * each declaring its verdict in its first line, derived from SPEC before the tool was run:
 * {@code # expect: exit N; rules: a, b; warnings: x}. Error rules and warning rules must match
 * exactly (no {@code warnings:} clause means no warnings). Further {@code # message: TEXT} lines must
 * appear in the output (stderr for bad input, a violation's message or fix otherwise).
 */
class ScenarioTest {
    static final Path ROOT = Path.of("src/test/resources/scenarios");
    private static final Pattern EXPECT = Pattern.compile(
            "#\\s*expect:\\s*exit\\s+(\\d+)(?:;\\s*rules:\\s*([^;]*))?(?:;\\s*warnings:\\s*([^;]*))?\\s*");
    private static final Pattern LOCATION = Pattern.compile(".+\\.yaml:\\d+:\\d+: error: .+");

    record Expectation(int exit, Set<String> errors, Set<String> warnings, List<String> messages) {
        static Expectation of(Path plan) throws IOException {
            List<String> lines = Files.readAllLines(plan);
            Matcher m = EXPECT.matcher(lines.get(0));
            assertThat(m.matches()).as("%s must start with '# expect: exit N; rules: ...'", plan).isTrue();
            List<String> messages = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith("# message: ")) {
                    messages.add(l.substring("# message: ".length()));
                }
            }
            return new Expectation(Integer.parseInt(m.group(1)), names(m.group(2)), names(m.group(3)), messages);
        }

        private static Set<String> names(String list) {
            Set<String> out = new TreeSet<>();
            if (list != null) {
                for (String r : list.split(",")) {
                    if (!r.isBlank()) {
                        out.add(r.trim());
                    }
                }
            }
            return out;
        }
    }

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.exists(d.resolve("plan.yaml"))).map(d -> d.resolve("plan.yaml")).sorted()
                    .toList().stream();
        }
    }

    static Set<String> rules(CliResult r, String severity) {
        Set<String> found = new TreeSet<>();
        for (Object v : violations(r)) {
            Map<?, ?> violation = (Map<?, ?>) v;
            if (severity.equals(violation.get("severity"))) {
                found.add((String) violation.get("rule"));
            }
        }
        return found;
    }

    static List<?> violations(CliResult r) {
        return (List<?>) MiniJson.object(r.out()).get("violations");
    }

    @Test
    void thereAreAtLeastFortyScenarios() throws IOException {
        assertThat(scenarios().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void validateGivesTheVerdictTheScenarioDeclares(Path plan) throws IOException {
        Expectation e = Expectation.of(plan);

        CliResult r = CliResult.run("validate", plan.toString(), "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(e.exit());
        if (e.exit() == 2) {
            // A CI job still gets a well-formed report: the input errors, and nothing "safe" about it.
            assertThat(MiniJson.object(r.out())).as(r.toString()).containsEntry("safe", false);
            assertThat(r.err()).as("located, and no stack trace: %s", r).containsPattern(LOCATION).doesNotContain("\tat ");
            for (String text : e.messages()) {
                assertThat(r.err()).as(r.toString()).contains(text);
            }
            return;
        }
        assertThat(rules(r, "error")).as(r.toString()).isEqualTo(e.errors());
        assertThat(rules(r, "warning")).as(r.toString()).isEqualTo(e.warnings());
        for (String text : e.messages()) {
            assertThat(r.out()).as(r.toString()).contains(text);
        }
    }

    /** Every violation locates itself, names what it is about, and says how to fix it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyViolationIsLocatedAndActionable(Path plan) throws IOException {
        if (Expectation.of(plan).exit() == 2) {
            return;
        }
        CliResult r = CliResult.run("validate", plan.toString(), "--format", "json");
        for (Object v : violations(r)) {
            Map<?, ?> x = (Map<?, ?>) v;
            assertThat(x.get("file")).as("%s", x).asString().endsWith(".yaml");
            assertThat(((Number) x.get("line")).intValue()).as("%s", x).isPositive();
            assertThat(((Number) x.get("column")).intValue()).as("%s", x).isPositive();
            assertThat((String) x.get("fix")).as("%s", x).isNotBlank();
            String message = (String) x.get("message");
            List<?> steps = (List<?>) x.get("steps");
            if (!steps.isEmpty()) {
                assertThat(steps.stream().anyMatch(s -> message.contains((String) s)))
                        .as("the message names a step: %s", x).isTrue();
            }
            if ("error".equals(x.get("severity"))) {
                assertThat(steps).as("an error is about steps: %s", x).isNotEmpty();
                assertThat(message).as("the message names an instance or a host: %s", x).containsPattern("[a-z]+[0-9]");
            }
        }
    }

    @Test
    void strictTurnsWarningsIntoAnUnsafeVerdict() {
        for (String name : List.of("single-dc-warnings", "moscow-stop-without-start", "crowded-host-moved-first")) {
            String plan = ROOT.resolve(name).resolve("plan.yaml").toString();
            assertThat(CliResult.run("validate", plan, "--format", "json").exitCode()).isZero();
            CliResult strict = CliResult.run("validate", plan, "--format", "json", "--strict");
            assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        }
        String safe = ROOT.resolve("moscow-safe-sequence/plan.yaml").toString();
        assertThat(CliResult.run("validate", safe, "--strict").exitCode()).isZero();
    }
}
