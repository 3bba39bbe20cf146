package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of the command-line output: compared byte for byte, rewritten with
 * {@code -Dbless=true} (the planner's older {@code -Dgolden.update=true} works too).
 */
final class GoldenFile {
    private GoldenFile() {
    }

    /** {@code plans/seed-000/unsafe.yaml} becomes {@code seed-000-unsafe}: one golden name per bundled plan. */
    static String nameOf(Path plan) {
        return plan.getParent().getFileName() + "-" + plan.getFileName().toString().replace(".yaml", "");
    }

    static void assertMatches(Path file, String actual) throws IOException {
        if (Boolean.getBoolean("bless") || Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertThat(file).as("golden file %s (run with -Dbless=true to create it)", file).exists();
        assertThat(actual).as("differs from %s (run with -Dbless=true to accept)", file).isEqualTo(Files.readString(file));
    }
}
