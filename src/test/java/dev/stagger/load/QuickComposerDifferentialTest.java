package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stagger.bench.DcFleet;
import dev.stagger.bench.FleetGenerator;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.LoadedPlan;
import dev.stagger.plan.PlanOptions;
import dev.stagger.plan.Planner;
import dev.stagger.report.PlanYamlWriter;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Whenever {@link QuickComposer} reads a text, SnakeYAML (with its own resolver) reads it too, into the
 * same tree: node kinds, resolved tags, values, scalar and collection styles, and the line and column
 * every node starts at; and {@link SafeYaml} reports the same findings (duplicate keys) either way.
 * Checked on every YAML file we ship, on generated fleets and their planned output, and on generated
 * and mutated documents, many of them outside the subset (where the quick reader must give up).
 */
class QuickComposerDifferentialTest {
    private static final List<String> KEYS = List.of("a", "b", "id", "dc", "hosts", "k k", "'q'", "\"d\"", "x:y",
            "-k", "?k", ":k", "<<", "~", "null", "1", "yes", "a#b", "a #b", "é", "\"\\u00e9\"", "'it''s'", "[k]", "{k: v}",
            "&a k", "*a", "!t k", "", "%k", "@k", "`k`", "k\t", "- k");
    private static final List<String> VALUES = List.of("v", "10.0.0.1", "dc1-h00001:6379", "1", "-1", "0x1F", "1.5",
            "1e3", ".inf", "-.inf", ".nan", "~", "null", "Null", "", "true", "No", "on", "y", "2001-12-14", "12:30",
            "1_000", "0o17", "0b101", "+1", "'single'", "'it''s'", "''", "\"double\"", "\"\"", "\"esc \\n \\t \\\\ \\\" \\u00e9\"",
            "\"\\x41\\u2028\\L\\N\\_\\e\\0\"", "\"\\/\"", "\"\\U0001F600\"", "\"\\q\"", "\"\\ud800\"", "\"unterminated",
            "'unterminated", "[a, b]", "[]", "{}", "{a: b, c: d}", "{ a: [1, 2], b: {c: d} }", "[a, [b, [c]]]",
            "[a,b]", "[a, b,]", "[a b, c]", "[a: b]", "{a}", "{a:b}", "{a: }", "[a, #c]", "[a:b, c:]", "[-a, -1]",
            "a b c", "a  b", "a: b", "a:b", "a #c", "a#c", "x # y # z", "- a", "-a", "?a", ":a", "&x v", "*x", "!!str 1",
            "!t v", "|", ">", "|-\n  block", "%v", "@v", "`v`", "v\tw", "\"a\tb\"", "http://h:1/p?q=1#f", "{{x}}",
            "[a,\n  b]", "'multi\n  line'", "\"multi\n  line\"", "plain\n  continued", "é", "日本", "\u2028", "\u0085",
            "\uFEFF", "\u00A0x", "\u007F", "\uD83D\uDE00", "\r", "a\rb", ",", "]", "}", "#", "'#'", "...", "---");
    private static final List<String> NICE_KEYS = List.of("a", "b", "c", "id", "dc", "kind", "hosts", "after", "key k",
            "'quoted'", "\"dq\"", "x:y", "-k", "h1", "a.b/c", "é", "1", "true", "~", "null", "<<");
    private static final List<String> NICE_VALUES = List.of("v", "dc1", "10.0.0.1", "dc1-h00001:6379", "all/dc3-h02020",
            "1", "-1", "3.5", "0", "true", "no", "~", "null", "'single'", "'it''s'", "\"double\"", "\"a\\nb\\u00e9\\\"\"",
            "a b", "x#y", "http://h:1/p", "\"*\"", "-x", "é", "2001-12-14", "[a, b]", "{a: b}", "'#'");

    @Test
    void shipped_files_read_the_same_and_most_take_the_quick_path() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("src/test/resources", "plans")) {
            try (Stream<Path> walk = Files.walk(Path.of(dir))) {
                walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(100);
        int quick = 0;
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8);
            if (compare(text, f.toString())) {
                quick++;
            }
        }
        // Most shipped files are plain block YAML; the rest are hostile on purpose.
        assertThat(quick).as("files read by the quick path").isGreaterThan(files.size() * 3 / 4);
    }

    @Test
    void generated_fleets_and_planned_outputs_take_the_quick_path_and_read_the_same() {
        LoadedPlan fleet = FleetGenerator.generate(300);
        assertQuickAndSame(FleetGenerator.inventoryYaml(fleet.inventory()), "fleet inventory");
        assertQuickAndSame(FleetGenerator.planYaml(), "fleet plan");
        for (boolean everywhere : List.of(false, true)) {
            LoadedPlan dc = DcFleet.generate(3, 40, 7, everywhere);
            assertQuickAndSame(FleetGenerator.inventoryYaml(dc.inventory()), "dc fleet inventory");
            String planned = PlanYamlWriter.render(Planner.plan(dc, PlanOptions.DEFAULT), "inventory.yaml");
            assertQuickAndSame(planned, "planned dc fleet");
        }
    }

    @Test
    void text_outside_the_subset_goes_to_snakeyaml() {
        for (String text : List.of("a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  x\n", "a:\tb\n", "a: b\r\n",
                "--- \na: b\n", "a: [b,\n  c]\n", "a: \"x\n  y\"\n", "a:\n  b\n", "a: b\n  c\n", "? a\n: b\n",
                "a: \"\\U0001F600\"\n", "a: \u0085\n", "a: \uD83D\uDE00\n", "- - a\n", "-\n  a: b\n", "a: b: c\n",
                "a: 1\n b: 2\n", "a:\n    b: 1\n  c: 2\n", "[a, b]\n", "a\n", "", "# only\n", "a: b\n...\n")) {
            assertThat(QuickComposer.compose(text, new Resolver())).as(Samples.show(text)).isEmpty();
            compare(text, Samples.show(text));
        }
    }

    static Stream<Arguments> documents() {
        return Samples.of("documents", 1000, document());
    }

    @Property
    @MethodSource("documents")
    void generated_documents_read_the_same(String text) {
        compare(text, "generated");
    }

    static Stream<Arguments> mutants() throws IOException {
        List<String> shipped = new ArrayList<>();
        for (String f : List.of("plans/seed-000/inventory.yaml", "plans/seed-000/safe.yaml", "plans/seed-003/unsafe.yaml")) {
            if (Files.exists(Path.of(f))) {
                shipped.add(Files.readString(Path.of(f)));
            }
        }
        Gen<String> base = Gen.of(shipped);
        Gen<String> mutant = r -> mutate(base.next(r), r);
        return Samples.of("mutants", 400, mutant);
    }

    @Property
    @MethodSource("mutants")
    void mutated_shipped_files_read_the_same(String text) {
        compare(text, "mutant");
    }

    /**
     * A well-formed document (nested block mappings and sequences, indentless sequences, flow
     * collections, comments, blank lines) of keys and values drawn mostly from the subset, one time in
     * three mutated line by line.
     */
    private static Gen<String> document() {
        return r -> {
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(4) == 0) {
                blockSequence(sb, 0, 0, r);
            } else {
                blockMapping(sb, 0, 0, r, false);
            }
            String text = sb.toString();
            return r.nextInt(3) == 0 ? mutate(text, r) : text;
        };
    }

    private static void blockMapping(StringBuilder sb, int indent, int depth, SplittableRandom r, boolean compact) {
        int entries = 1 + r.nextInt(4);
        for (int i = 0; i < entries; i++) {
            if (!(compact && i == 0)) {
                filler(sb, r);
                sb.append(" ".repeat(indent));
            }
            sb.append(r.nextInt(6) == 0 ? pick(KEYS, r) : pick(NICE_KEYS, r)).append(':');
            int kind = depth > 4 ? r.nextInt(3) : r.nextInt(7);
            switch (kind) {
                case 0, 1 -> sb.append(' ').append(value(r)).append(comment(r)).append('\n');
                case 2 -> sb.append(comment(r)).append('\n'); // empty value
                case 3 -> {
                    sb.append(comment(r)).append('\n');
                    blockMapping(sb, indent + 1 + r.nextInt(4), depth + 1, r, false);
                }
                case 4 -> {
                    sb.append('\n');
                    blockSequence(sb, indent + r.nextInt(3), depth + 1, r); // indentless at +0
                }
                default -> sb.append(' ').append(flow(r, depth)).append(comment(r)).append('\n');
            }
        }
    }

    private static void blockSequence(StringBuilder sb, int indent, int depth, SplittableRandom r) {
        int items = 1 + r.nextInt(4);
        for (int i = 0; i < items; i++) {
            filler(sb, r);
            sb.append(" ".repeat(indent)).append('-').append(" ".repeat(1 + (r.nextInt(5) == 0 ? 2 : 0)));
            int kind = depth > 4 ? r.nextInt(2) : r.nextInt(4);
            switch (kind) {
                case 0 -> sb.append(value(r)).append(comment(r)).append('\n');
                case 1 -> sb.append(flow(r, depth)).append('\n');
                default -> {
                    int column = sb.length() - sb.lastIndexOf("\n") - 1;
                    blockMapping(sb, column, depth + 1, r, true);
                }
            }
        }
    }

    private static String flow(SplittableRandom r, int depth) {
        int n = r.nextInt(4);
        boolean map = r.nextBoolean();
        StringBuilder sb = new StringBuilder(map ? "{" : "[").append(r.nextBoolean() ? " " : "");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(r.nextInt(6) == 0 ? " ," : ",").append(r.nextInt(4) == 0 ? "" : " ");
            }
            if (map) {
                sb.append(pick(NICE_KEYS, r)).append(": ");
            }
            sb.append(depth < 4 && r.nextInt(6) == 0 ? flow(r, depth + 1) : r.nextInt(8) == 0 ? pick(VALUES, r)
                    : pick(NICE_VALUES, r));
        }
        return sb.append(r.nextBoolean() ? " " : "").append(map ? "}" : "]").toString();
    }

    private static String value(SplittableRandom r) {
        return r.nextInt(5) == 0 ? pick(VALUES, r) : pick(NICE_VALUES, r);
    }

    private static String comment(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> "  # " + pick(NICE_VALUES, r);
            case 1 -> " ";
            case 2 -> "#x";
            default -> "";
        };
    }

    /** Blank and comment lines, at any indentation, between entries. */
    private static void filler(StringBuilder sb, SplittableRandom r) {
        switch (r.nextInt(12)) {
            case 0 -> sb.append('\n');
            case 1 -> sb.append(" ".repeat(r.nextInt(6))).append("# ").append(pick(NICE_VALUES, r)).append('\n');
            case 2 -> sb.append("   \n");
            default -> {
            }
        }
    }

    private static String mutate(String text, SplittableRandom r) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = r.nextInt(lines.size());
            String line = lines.get(i);
            switch (r.nextInt(7)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> lines.set(i, " " + line);
                case 3 -> lines.set(i, line.length() > 1 ? line.substring(1) : line);
                case 4 -> lines.set(i, line.replaceFirst(":\\s.*$", ": " + pick(VALUES, r)));
                case 5 -> lines.add(i, line.replaceAll("\\S.*", "") + pick(KEYS, r) + ": " + pick(VALUES, r));
                default -> {
                    int at = r.nextInt(line.length() + 1);
                    lines.set(i, line.substring(0, at) + pick(VALUES, r) + line.substring(at));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static String pick(List<String> values, SplittableRandom r) {
        return values.get(r.nextInt(values.size()));
    }

    private static void assertQuickAndSame(String text, String what) {
        assertThat(compare(text, what)).as(what + " takes the quick path").isTrue();
    }

    /**
     * Compares the two readers on {@code text}; returns whether the quick one read it. When it did,
     * SnakeYAML must read it without error into the same tree, and SafeYaml must report the same.
     */
    private static boolean compare(String text, String what) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Optional<Node> quick = QuickComposer.compose(body, new SafeYaml.RepeatingResolver());
        Diagnostics viaQuick = new Diagnostics("f.yaml");
        Diagnostics viaSnake = new Diagnostics("f.yaml");
        SafeYaml.compose(text, viaQuick, true);
        SafeYaml.compose(text, viaSnake, false);
        assertThat(messages(viaQuick.list())).as(what + ": findings\n" + Samples.show(text))
                .isEqualTo(messages(viaSnake.list()));
        if (quick.isEmpty()) {
            return false;
        }
        Node snake;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            snake = new Composer(new ParserImpl(new StreamReader(new StringReader(body)), options), new Resolver(), options)
                    .getSingleNode();
        } catch (YAMLException e) {
            fail(what + ": the quick reader accepted what SnakeYAML rejects (" + e.getMessage() + ")\n" + Samples.show(text));
            return true;
        }
        assertSame(quick.get(), snake, "$", what, text, 0);
        return true;
    }

    private static List<String> messages(List<Diagnostic> list) {
        return list.stream().map(d -> d.position() + " " + d.message()).toList();
    }

    private static void assertSame(Node quick, Node snake, String path, String what, String text, int depth) {
        String where = what + " at " + path + "\n" + Samples.show(text);
        assertThat(depth).as(where).isLessThan(100);
        assertThat(snake).as(where).isNotNull();
        // The quick nodes are subclasses (marks made when asked for): the kind of node is what must match.
        assertThat(quick.getNodeId()).as(where).isEqualTo(snake.getNodeId());
        assertThat(quick.getTag()).as(where + " tag").isEqualTo(snake.getTag());
        assertThat(quick.getStartMark().getLine()).as(where + " line").isEqualTo(snake.getStartMark().getLine());
        assertThat(quick.getStartMark().getColumn()).as(where + " column").isEqualTo(snake.getStartMark().getColumn());
        if (quick instanceof ScalarNode q) {
            ScalarNode s = (ScalarNode) snake;
            assertThat(q.getValue()).as(where + " value").isEqualTo(s.getValue());
            assertThat(q.getScalarStyle()).as(where + " style").isEqualTo(s.getScalarStyle());
        } else if (quick instanceof SequenceNode q) {
            SequenceNode s = (SequenceNode) snake;
            assertThat(q.getFlowStyle()).as(where + " style").isEqualTo(s.getFlowStyle());
            assertThat(q.getValue()).as(where + " size").hasSameSizeAs(s.getValue());
            for (int i = 0; i < q.getValue().size(); i++) {
                assertSame(q.getValue().get(i), s.getValue().get(i), path + "[" + i + "]", what, text, depth + 1);
            }
        } else {
            MappingNode q = (MappingNode) quick;
            MappingNode s = (MappingNode) snake;
            assertThat(q.getFlowStyle()).as(where + " style").isEqualTo(s.getFlowStyle());
            assertThat(q.getValue()).as(where + " size").hasSameSizeAs(s.getValue());
            for (int i = 0; i < q.getValue().size(); i++) {
                assertSame(q.getValue().get(i).getKeyNode(), s.getValue().get(i).getKeyNode(), path + ".key" + i, what, text, depth + 1);
                assertSame(q.getValue().get(i).getValueNode(), s.getValue().get(i).getValueNode(), path + ".value" + i, what,
                        text, depth + 1);
            }
        }
    }
}
