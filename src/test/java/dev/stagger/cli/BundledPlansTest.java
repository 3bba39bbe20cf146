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
 * Every plan in plans/ states its expected verdict in a first-line comment
 * ({@code # expect: exit 1; rules: master-down, min-healthy}); validate must give exactly that.
 */
class BundledPlansTest {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*exit\\s+(\\d+)(?:;\\s*rules:\\s*(.*))?");

    static Stream<Path> plans() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("plans"))) {
            List<Path> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (Files.readString(p).lines().anyMatch(l -> l.startsWith("plan:"))) {
                    out.add(p);
                }
            }
            return out.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("plans")
    void validateGivesTheVerdictThePlanDeclares(Path plan) throws IOException {
        String first = Files.readString(plan).lines().findFirst().orElse("");
        Matcher m = EXPECT.matcher(first);
        assertThat(m.matches()).as("%s must start with '# expect: exit N; rules: ...'", plan).isTrue();
        int exit = Integer.parseInt(m.group(1));
        Set<String> rules = new TreeSet<>();
        if (m.group(2) != null) {
            for (String r : m.group(2).split(",")) {
                rules.add(r.trim());
            }
        }

        CliResult r = CliResult.run("validate", plan.toString(), "--format", "json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        Map<String, Object> json = MiniJson.object(r.out());
        Set<String> found = new TreeSet<>();
        for (Object v : (List<?>) json.get("violations")) {
            Map<?, ?> violation = (Map<?, ?>) v;
            if ("error".equals(violation.get("severity"))) {
                found.add((String) violation.get("rule"));
            }
        }
        assertThat(found).as(r.toString()).isEqualTo(rules);
    }

    @Test
    void everyInventoryInPlansIsUsedByAPlan() throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (Path p : plans().toList()) {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("inventory:")) {
                    referenced.add(p.getParent().resolve(line.substring("inventory:".length()).trim()).normalize().toString());
                }
            }
        }
        try (Stream<Path> files = Files.walk(Path.of("plans"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                if (Files.readString(p).lines().anyMatch(l -> l.startsWith("cluster:"))) {
                    assertThat(referenced).as("no plan uses %s", p).contains(p.normalize().toString());
                }
            }
        }
    }
}
