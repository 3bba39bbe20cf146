package dev.stagger.cli;

import java.io.IOException;
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
        GoldenFile.assertMatches(GOLDEN.resolve(GoldenFile.nameOf(plan) + ".txt"), actual);
    }
}
