package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.YamlText;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text with C0, C1, DEL and bidi characters, put where a plan or inventory carries text (an id, the
 * plan's name, a note and a hook argument, an unknown key, a bad duration, a raw comment on a line
 * with an error, a host name), reaches no output raw: not in text, json, junit, github or sarif, on
 * stdout or stderr. Each format stays well formed: JSON and SARIF parse, JUnit XML parses, every
 * GitHub line is a workflow command.
 */
class TerminalSafetyPropertyTest {
    private static final String[] FORMATS = {"text", "json", "junit", "github", "sarif"};

    private static Path dir;
    private static String inventory;

    @BeforeAll
    static void seed() throws IOException {
        dir = Files.createTempDirectory("stagger-terminal");
        inventory = Files.readString(Path.of("plans/seed-000/inventory.yaml"));
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    static Stream<Arguments> textAndPlace() {
        return Samples.of("textAndPlace", 20, HostileText.withControl(), Gen.ints(0, 6));
    }

    @Property
    @MethodSource("textAndPlace")
    void noFormatPrintsAControlCharacterRaw(String text, int where) throws Exception {
        String q = YamlText.quoted(text);
        String steps = "  - id: a\n    maintain: [app1]\n  - id: b\n    maintain: [app2]\n";
        String planName = "p";
        String inv = inventory;
        switch (where) {
            case 0 -> steps = "  - id: " + q + "\n    maintain: [app1]\n";
            case 1 -> planName = q;
            case 2 -> steps += "    note: " + q + "\n    do: [echo, " + q + "]\n";
            case 3 -> steps += "    " + q + ": 1\n";
            case 4 -> steps += "    min_ready: " + q + "\n";
            case 5 -> steps += "    maintan: [app2] # " + text.replace("\n", " ") + "\n";
            default -> inv = inventory.replace("  arb3: { dc: dc3", "  " + q + ": { dc: dc3");
        }
        Files.writeString(dir.resolve("inventory.yaml"), inv);
        Path plan = Files.writeString(dir.resolve("plan.yaml"), "plan: " + planName + "\ninventory: inventory.yaml\n"
                + "steps:\n" + steps, StandardCharsets.UTF_8);
        for (String format : FORMATS) {
            CliResult r = CliResult.run("validate", plan.toString(), "--format", format);
            String all = r.out() + r.err();
            assertThat(r.exitCode()).as(format + " " + r).isIn(0, 1, 2);
            assertThat(HostileText.firstRaw(all)).as(format + " " + r).isNegative();
            assertThat(all).as(format + " " + r).doesNotContain("Exception").doesNotContain("\tat ");
            switch (format) {
                case "json", "sarif" -> MiniJson.parse(r.out());
                case "junit" -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
                case "github" -> assertThat(r.out().lines().filter(l -> !l.isEmpty()))
                        .as(r.toString()).allMatch(l -> l.startsWith("::"));
                default -> {
                }
            }
        }
    }
}
