package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every kind of input error: {@code NAME.yaml} and {@code NAME.expected} holding
 * the exact diagnostics, rendered as {@code file:line:col: error: message}. Files named
 * {@code inv-*} are inventories; the others are plans (their inventories live in
 * {@code inventories/}). Regenerate with {@code mvn -o test -Dtest=GoldenErrorsTest -Dbless=true}
 * and review the diff.
 */
class GoldenErrorsTest {
    static final Path DIR = Path.of("src/test/resources/load/errors");
    private static final boolean BLESS = Boolean.getBoolean("bless");

    static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reportsExactlyTheExpectedErrors(String name) throws IOException {
        Path input = DIR.resolve(name + ".yaml");
        StaggerException e = catchThrowableOfType(StaggerException.class, () -> {
            if (name.startsWith("inv-")) {
                InventoryLoader.load(input);
            } else {
                PlanLoader.load(input, null);
            }
        });

        assertThat(e).as("%s must be refused", name).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        String rendered = e.diagnostics().stream().map(Diagnostic::render)
                .map(line -> line.replace(DIR + "/", ""))
                .collect(Collectors.joining("\n", "", "\n"));
        Path expected = DIR.resolve(name + ".expected");
        if (BLESS) {
            Files.writeString(expected, rendered);
        }
        assertThat(rendered).isEqualTo(Files.readString(expected));
        assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d.position().isKnown() || rendered.contains("cannot read"))
                .as("located: %s", d.render()).isTrue());
    }

    @Test
    void everyExpectedFileHasItsInput() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".expected")).toList()) {
                String base = p.getFileName().toString().replace(".expected", ".yaml");
                assertThat(DIR.resolve(base)).as("input for %s", p).exists();
            }
        }
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
    }
}
