package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.load.PlanLoader;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Step;
import dev.stagger.model.TerminalText;
import dev.stagger.model.YamlText;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Property;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What stagger writes as YAML reads back as what it meant, whatever the text: a scalar or a comment
 * through the one YAML writer, and a whole plan through {@code plan -o} (ids, notes and hook arguments
 * with newlines, quotes, {@code #}, {@code ": "}, indicators, control characters and bidi overrides).
 * An id the loader refuses is exit 2 with a position, naming the character, never written.
 */
class YamlRoundTripPropertyTest {
    private static Path dir;

    @BeforeAll
    static void seed() throws IOException {
        dir = Files.createTempDirectory("stagger-roundtrip");
        Files.copy(Path.of("plans/seed-000/inventory.yaml"), dir.resolve("inventory.yaml"));
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

    static Stream<Arguments> scalars() {
        return Samples.of("scalars", 300, HostileText.any());
    }

    static Stream<Arguments> comments() {
        return Samples.of("comments", 300, HostileText.any());
    }

    static Stream<Arguments> plans() {
        // The other two steps are "move" and "last": a generated id is neither (no piece spells them).
        return Samples.of("plans", 30, HostileText.any().filter(id -> !id.equals("move") && !id.equals("last")),
                HostileText.any(), HostileText.any());
    }

    @Property
    @MethodSource("scalars")
    void aScalarReadsBackAsWritten(String text) {
        String quoted = YamlText.quoted(text);
        assertThat(quoted).doesNotContain("\n").doesNotContain("\r");
        assertThat(HostileText.firstRaw(quoted)).as(quoted).isNegative();
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load("v: " + quoted + "\n");
        assertThat(doc).containsEntry("v", text);
    }

    @Property
    @MethodSource("comments")
    void aCommentStaysOneLineOfComment(String text) {
        String comment = YamlText.comment(text);
        assertThat(HostileText.firstRaw(comment)).as(comment).isNegative();
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load("# " + comment + "\nv: 1 # " + comment + "\n");
        assertThat(doc).isEqualTo(Map.of("v", 1));
    }

    @Property
    @MethodSource("plans")
    void planWritesWhatItReadAndValidateAcceptsIt(String id, String note, String hostileArg) throws IOException {
        // Braces would make a hook placeholder, which validate checks (an unknown one is refused, by design).
        String arg = hostileArg.replace('{', '(').replace('}', ')');
        Path in = Files.writeString(dir.resolve("in.yaml"), "plan: p\ninventory: inventory.yaml\nsteps:\n"
                + "  - id: " + YamlText.quoted(id) + "\n    maintain: [app2]\n    note: " + YamlText.quoted(note) + "\n"
                + "    do: [echo, " + YamlText.quoted(arg) + "]\n"
                + "  - id: move\n    failover: cache\n    to: app2:6379\n  - id: last\n    maintain: [app1]\n");
        Path out = dir.resolve("out.yaml");
        Files.deleteIfExists(out);
        CliResult planned = CliResult.run("plan", in.toString(), "-o", out.toString());
        String all = planned.out() + planned.err();
        assertThat(HostileText.firstRaw(all)).as(planned.toString()).isNegative();
        assertThat(all).doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ");
        if (TerminalText.firstUnsafeInName(id) >= 0) {
            assertThat(planned.err()).as(planned.toString()).contains("contains the control character U+");
        }
        if (planned.exitCode() == 2) {
            // Refused: not a valid id (a control character is named by its code point). Said where; nothing written.
            assertThat(planned.err()).as(planned.toString()).containsPattern("in\\.yaml:4:\\d+: error: step id ");
            assertThat(out).doesNotExist();
            return;
        }
        assertThat(TerminalText.firstUnsafeInName(id)).as("an id with a control character is refused: " + planned).isNegative();
        assertThat(planned.exitCode()).as(planned.toString()).isZero();
        LoadedPlan back = PlanLoader.load(out, null);
        Step first = back.plan().steps().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + id + " in\n" + read(out)));
        assertThat(first.note()).isEqualTo(note);
        assertThat(first.hooks().doCommand()).containsExactly("echo", arg);
        List<String> ids = new ArrayList<>(back.plan().steps().stream().map(Step::id).toList());
        assertThat(ids).containsExactlyInAnyOrder(id, "move", "last");
        CliResult validated = CliResult.run("validate", out.toString());
        assertThat(validated.exitCode()).as(validated.toString()).isZero();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
