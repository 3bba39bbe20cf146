package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} writes its YAML to the process's stdout and to {@code -o} as UTF-8 bytes: the same
 * bytes the writer gave, non-ASCII text included, after anything printed to stdout before.
 */
class StdoutWriterTest {

    @Test
    void planYamlOnStdoutIsTheWritersTextInUtf8(@TempDir Path dir) throws IOException {
        Path plan = planWithNote(dir, "caf\u00e9 \u2615 \ud83d\ude80");
        String text = CliResult.run("plan", plan.toString()).out();
        assertThat(text).contains("note: \"caf\u00e9 \u2615 \ud83d\ude80\"").contains("- id: ");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutWriter stdout = new StdoutWriter(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        stdout.print("before\n");
        int code = Main.execute(stdout, new PrintWriter(new StringWriter(), true), "plan", plan.toString());
        stdout.flush();
        assertThat(code).isZero();
        assertThat(bytes.toByteArray()).isEqualTo(("before\n" + text).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void planYamlInAnOutputFileIsTheWritersTextInUtf8(@TempDir Path dir) throws IOException {
        Path plan = planWithNote(dir, "na\u00efve \ud83d\ude80");
        Path out = dir.resolve("planned.yaml");
        CliResult r = CliResult.run("plan", plan.toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        // Printed beside the plan, so its inventory reference reads the same.
        String text = CliResult.run("plan", plan.toString()).out();
        assertThat(Files.readAllBytes(out)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path planWithNote(Path dir, String note) throws IOException {
        Files.copy(Path.of("plans/rolling-restart/inventory.yaml"), dir.resolve("inventory.yaml"));
        String plan = Files.readString(Path.of("plans/rolling-restart/rolling.yaml"))
                .replace("  - id: kernel\n", "  - id: kernel\n    note: \"" + note + "\"\n");
        Files.writeString(dir.resolve("plan.yaml"), plan);
        return dir.resolve("plan.yaml");
    }
}
