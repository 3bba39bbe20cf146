package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text report of {@code validate} for every bundled plan, byte for byte, so a change to the
 * wording, grouping or order of findings shows up in review. Regenerate with {@code -Dbless=true}.
 */
class ValidateTextGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/validate/golden");

    static Stream<Path> plans() throws IOException {
        return BundledPlansTest.plans();
    }

    @ParameterizedTest
    @MethodSource("plans")
    void textReportMatchesItsGoldenFile(Path plan) throws IOException {
        CliResult r = CliResult.run("validate", plan.toString());
        String actual = "exit " + r.exitCode() + "\n" + r.out() + (r.err().isEmpty() ? "" : "--- stderr\n" + r.err());
        Path golden = GOLDEN.resolve(Path.of("plans").relativize(plan).toString().replace('/', '-')
                .replace(".yaml", ".txt"));
        if (Boolean.getBoolean("bless") || !Files.exists(golden)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual);
        }
        assertThat(actual).as("golden %s (regenerate with -Dbless=true)", golden).isEqualTo(Files.readString(golden));
    }
}
