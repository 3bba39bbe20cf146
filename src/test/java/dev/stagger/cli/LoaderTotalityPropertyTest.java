package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a valid plan or inventory is mutated into (a line deleted, duplicated, swapped or inserted,
 * a value of another type, random bytes, a cut, deep nesting, huge numbers), {@code validate} ends with
 * a result (exit 0 or 1) or with located input errors (exit 2, each `file:line:col: error:` or, for the
 * whole file, `file: error:`), never a stack trace, an internal error or a Java class name; and it
 * never changes the files it reads.
 */
class LoaderTotalityPropertyTest {
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S[^:]*(:\\d+:\\d+)?: error: .+");
    private static final List<String> VALUES = List.of(
            "[1, 2]", "{a: b}", "123456789012345678901234567890", "-1", "0", "1e999", "-.inf", ".nan", "!!binary aGk=",
            "*nope", "&a x", "!!python/object:os.system x", "~", "null", "yes", "\"\"", "''", "\"\\e[2K\"", "'a: b'",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "99999d", "1h30m", "-5s", "app1:99999", "'::1'", "\"a b; rm\"", "10.0.1.10:99", "http://{addres}:1/",
            "\"dc[\"", "{", "}", "]", "|", ">", "%", "@", "`x`", "0x7fffffffffffffff");
    private static final List<String> LINES = List.of(
            "  - id: x", "    maintain: [nobody]", "steps: []", "inventory: /dev/zero", "inventory: inventory.yaml",
            "inventory: ../../../../etc/passwd", "<<: *a", "a: &a {b: c}", "---", "...", "%YAML 1.1", "? complex",
            "  hosts: {}", "services:", "  - failover: cache", "    to: app9:6379", "order: graph", "order: chaos",
            "\t- tab", "#" + "x".repeat(5000), "a: " + "[".repeat(200), "policy: {max_down_dcs: -1}");

    private static Path dir;
    private static byte[] plan;
    private static byte[] inventory;

    @BeforeAll
    static void seed() throws IOException {
        dir = Files.createTempDirectory("stagger-totality");
        plan = Files.readAllBytes(Path.of("plans/seed-000/safe.yaml"));
        inventory = Files.readAllBytes(Path.of("plans/seed-000/inventory.yaml"));
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

    static Stream<Arguments> planMutations() {
        return Samples.of("planMutations", 50, Gen.anyLong(), Gen.ints(1, 4));
    }

    static Stream<Arguments> inventoryMutations() {
        return Samples.of("inventoryMutations", 50, Gen.anyLong(), Gen.ints(1, 4));
    }

    @Property
    @MethodSource("planMutations")
    void aMutatedPlanIsAResultOrLocatedErrors(long seed, int mutations) throws IOException {
        check(mutate(plan, seed, mutations), inventory);
    }

    @Property
    @MethodSource("inventoryMutations")
    void aMutatedInventoryIsAResultOrLocatedErrors(long seed, int mutations) throws IOException {
        check(plan, mutate(inventory, seed, mutations));
    }

    private static void check(byte[] planBytes, byte[] inventoryBytes) throws IOException {
        Path p = Files.write(dir.resolve("safe.yaml"), planBytes);
        Path i = Files.write(dir.resolve("inventory.yaml"), inventoryBytes);
        CliResult r = CliResult.run("validate", p.toString());
        String all = r.out() + r.err();
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1, 2);
        assertThat(all).as(r.toString()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ")
                .doesNotContain("internal error").doesNotContain("Error:");
        assertThat(HostileText.firstRaw(all)).as(r.toString()).isNegative();
        if (r.exitCode() == 2) {
            List<String> errors = r.err().lines().filter(l -> l.contains(" error: ")).toList();
            assertThat(errors).as(r.toString()).isNotEmpty();
            assertThat(errors).as(r.toString()).allMatch(l -> ERROR_LINE.matcher(l).matches());
            assertThat(r.err()).as(r.toString()).containsPattern("stagger: \\d+ errors? in the input");
        }
        assertThat(Files.readAllBytes(p)).as("the plan is unchanged").isEqualTo(planBytes);
        assertThat(Files.readAllBytes(i)).as("the inventory is unchanged").isEqualTo(inventoryBytes);
    }

    /** A few random edits of a file, by line or by byte. */
    static byte[] mutate(byte[] original, long seed, int mutations) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(Arrays.asList(new String(original, StandardCharsets.UTF_8).split("\n", -1)));
        byte[] bytes = null;
        for (int m = 0; m < mutations; m++) {
            int at = r.nextInt(lines.size());
            switch (r.nextInt(8)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> lines.add(at, LINES.get(r.nextInt(LINES.size())));
                case 3 -> {
                    int other = r.nextInt(lines.size());
                    String a = lines.get(at);
                    lines.set(at, lines.get(other));
                    lines.set(other, a);
                }
                case 4, 5 -> {
                    // A value of another type: everything after the first ": " (or "- ") replaced.
                    String line = lines.get(at);
                    int colon = line.indexOf(": ");
                    int dash = line.indexOf("- ");
                    int cut = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : line.length();
                    lines.set(at, line.substring(0, cut) + VALUES.get(r.nextInt(VALUES.size())));
                }
                case 6 -> lines.set(at, lines.get(at).substring(0, r.nextInt(lines.get(at).length() + 1)));
                default -> bytes = new byte[0]; // byte-level edit below
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        if (bytes == null) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = r.nextInt(text.length + 1);
        out.write(text, 0, at);
        byte[] noise = new byte[1 + r.nextInt(6)];
        r.nextBytes(noise); // non-UTF-8 and control bytes included
        out.writeBytes(noise);
        if (r.nextBoolean()) {
            out.write(text, at, text.length - at); // else: cut after the noise
        }
        return out.toByteArray();
    }
}
