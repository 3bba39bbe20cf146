package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.bench.DcFleet;
import dev.stagger.bench.FleetGenerator;
import dev.stagger.model.Inventory;
import dev.stagger.model.StaggerException;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading the hosts straight from their lines ({@link HostLines}) gives exactly what the YAML tree
 * gives: the same inventory (hosts with their positions, services, everything), or the same errors at
 * the same places. Checked on every inventory we ship, on generated fleets, and on generated host
 * sections full of near misses (each of which must send the file to the ordinary reader).
 */
class HostLinesTest {
    /** Host lines, most of them in the quick form, many just outside it or wrong. */
    private static final List<String> LINES = List.of(
            "  h1: { dc: dc1, address: 10.0.0.1 }", "  h2: { dc: dc2 }", "  h3: {dc: dc1, address: h3.example.com}",
            "  h4: { dc: dc1, address: 10.0.0.4, state: down }", "  h5: { state: up, dc: dc3 }",
            "  h6: { dc: dc1,address: 10.0.0.6 }", "  h7: { dc: dc1 }   ", "  h8:   { dc: dc1 }",
            "  h1: { dc: dc1 }", "  'h9': { dc: dc1 }", "  h9: { dc: 'dc1' }", "  h10: { dc: dc1 } # note",
            "  h11: { dc: TODO-dc }", "  h12: { dc: todo }", "  h13: { dc: null }", "  h14: { dc: ~ }", "  null: { dc: dc1 }",
            "  h15: { dc: dc1, dc: dc2 }", "  h16: { dc: dc1, adress: x }", "  h17: { address: 10.0.0.17 }",
            "  h18: { dc: dc1, address: 10.0.0.256 }", "  h19: { dc: dc1, address: 10.0.0.19:99 }",
            "  h20: { dc: dc1, address: ::1 }", "  h21: { dc: dc1, state: sideways }", "  h22: { dc: dc1, state: up, state: down }",
            "  h23: { dc: 1 }", "  h24: { dc: true }", "  h25: { dc: dc 1 }", "  h26: { dc: dc1, }", "  h27: {}",
            "  h28: dc1", "  h29:", "    dc: dc1", "   h30: { dc: dc1 }", " h31: { dc: dc1 }", "    h32: { dc: dc1 }",
            "  h33 : { dc: dc1 }", "  -h34: { dc: dc1 }", "  h.35_x-y: { dc: dc-1.a_b, address: a-b.c_d }",
            "  h36: { dc: dc1 } extra", "  h37: { dc: dc1", "  h38: { dc: dc1 }}", "  h39: { dc: dc1, address: }",
            "  h40: { dc: d\u00e9 }", "  h41: { dc: dc1\t}", "  # a comment", "  # \u00e9t\u00e9", "  #\ttab", "  # cr\r", "  # nel \u0085", "# \u2028 x", "", "  ", "# at column 0",
            "  h42: { dc: dc1, address: 2001-12-14 }", "  1: { dc: 2 }", "  true: { dc: no }", "  h43: { dc: dc1, extra: 1 }",
            "  h44: [dc1]", "  h45: { dc: *a }", "  h46: &a { dc: dc1 }", "  h47: !t { dc: dc1 }", "  h48: { dc: dc1 }\r",
            "  h49: { dc: dc1, address: web-1 }", "  h50: { dc: dc1, address: -x }", "  h51: { dc: dc1, address: a..b }");
    /** What may follow the hosts section. */
    private static final List<String> AFTER = List.of("services:", "- x", "hosts:", "cluster: again", "policy:\n  max_down_dcs: 1",
            "...", "---", "#end", "services: # c", "\"services\":");

    @Test
    void every_shipped_inventory_reads_the_same() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("src/test/resources", "plans")) {
            try (Stream<Path> walk = Files.walk(Path.of(dir))) {
                walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        int quick = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            if (!text.contains("\nhosts:")) {
                continue;
            }
            assertSame(text, f.toString());
            if (HostLines.read(text, f.toString()) != null) {
                quick++;
            }
        }
        assertThat(quick).as("shipped inventories read by their lines").isGreaterThan(10);
    }

    @Test
    void generated_fleets_take_the_line_path_and_read_the_same() {
        List<String> texts = new ArrayList<>();
        texts.add(FleetGenerator.inventoryYaml(FleetGenerator.generate(300).inventory()));
        texts.add(FleetGenerator.inventoryYaml(DcFleet.generate(3, 40, 7, false).inventory()));
        texts.add(FleetGenerator.inventoryYaml(DcFleet.generate(4, 30, 3, true).inventory()));
        for (String text : texts) {
            HostLines.Section s = HostLines.read(text, "inventory.yaml");
            assertThat(s).as("the line path").isNotNull();
            assertThat(s.hosts()).isEqualTo(InventoryLoader.parse(text, "inventory.yaml", Path.of("inventory.yaml"), false).hosts());
            assertSame(text, "generated fleet");
        }
    }

    @Test
    void a_fleet_large_enough_for_two_threads_reads_the_same_and_its_errors_too() {
        String text = FleetGenerator.inventoryYaml(DcFleet.generate(3, 500, 11, false).inventory());
        HostLines.Span span = HostLines.span(text);
        assertThat(span.end() - span.start()).as("host lines read beside the composer")
                .isGreaterThanOrEqualTo(InventoryLoader.CONCURRENT_HOSTS_BYTES);
        assertSame(text, "1,500-host fleet");
        assertThat(outcome(text, true)).startsWith("cluster");
        // Errors in what the other thread composes and what is read from its tree, then in the hosts.
        String services = text.substring(text.indexOf("\nservices:"));
        String firstInstance = services.substring(services.indexOf("instances: [") + "instances: [".length());
        firstInstance = firstInstance.substring(0, firstInstance.indexOf(','));
        for (String broken : List.of(
                text.replaceFirst("\n    kind: app\n", "\n    kind: ap\n"),
                text.replaceFirst("instances: \\[" + firstInstance, "instances: [no-such-host"),
                text.replace("\nservices:", "\nservices:\n  dup: { kind: app, instances: [" + firstInstance + "] }\n  dup: !x {}"),
                text.replaceFirst("\n    min_healthy:", "\n    min_healty:"),
                text.replaceFirst("address: 10\\.", "address: 999."))) {
            assertThat(broken).isNotEqualTo(text);
            assertThat(outcome(broken, true)).startsWith("errors");
            assertSame(broken, "broken 1,500-host fleet");
        }
    }

    @Property
    @MethodSource("sections")
    void the_span_found_by_line_starts_is_the_one_the_hosts_are_read_from(String text) {
        HostLines.Section s = HostLines.read(text, "inv.yaml");
        if (s != null) {
            assertThat(HostLines.span(text)).isEqualTo(s.span());
        }
    }

    static Stream<Arguments> sections() {
        return Samples.of("sections", 1500, section());
    }

    @Property
    @MethodSource("sections")
    void generated_host_sections_read_the_same(String text) {
        assertSame(text, "generated");
    }

    /**
     * An inventory with a hosts section of drawn lines after a valid first host, the only one its
     * service uses (so that the other lines decide the outcome), and a drawn line after the section.
     */
    private static Gen<String> section() {
        return r -> {
            StringBuilder sb = new StringBuilder("cluster: c\n");
            sb.append(r.nextInt(8) == 0 ? "hosts: # the machines\n" : r.nextInt(12) == 0 ? "hosts:  \n" : "hosts:\n");
            sb.append("  base: { dc: dc1, address: 10.1.0.1 }\n");
            int lines = r.nextInt(5);
            for (int i = 0; i < lines; i++) {
                String line = r.nextInt(3) != 0 ? "  n" + i + ": { dc: dc" + r.nextInt(3) + ", address: 10.0.0." + i + " }" : pick(LINES, r);
                if (r.nextInt(10) == 0) {
                    line = mutate(line, r);
                }
                sb.append(line).append('\n');
            }
            if (r.nextInt(3) == 0) {
                sb.append(pick(AFTER, r)).append('\n');
            }
            sb.append("services:\n  web:\n    kind: app\n    instances: [base]\n    min_healthy: 1\n");
            String text = sb.toString();
            return r.nextInt(15) == 0 ? text.substring(0, text.length() - 1) : text;
        };
    }

    @Test
    void many_generated_sections_take_the_line_path() {
        SplittableRandom r = new SplittableRandom(Samples.baseSeed());
        int quick = 0;
        for (int i = 0; i < 300; i++) {
            String text = section().next(r);
            if (HostLines.read(text, "inv.yaml") != null && outcome(text, true).startsWith("cluster")) {
                quick++;
            }
        }
        // A test of the equivalence is worth only as much as the files that take the new path.
        assertThat(quick).as("sections read by their lines, without errors").isBetween(45, 255);
    }

    /** One character of the line replaced, dropped or doubled. */
    private static String mutate(String line, SplittableRandom r) {
        if (line.isEmpty()) {
            return line;
        }
        int at = r.nextInt(line.length());
        String pool = ":{}, #'\"-.\t0aZ";
        String c = String.valueOf(pool.charAt(r.nextInt(pool.length())));
        return switch (r.nextInt(3)) {
            case 0 -> line.substring(0, at) + c + line.substring(at + 1);
            case 1 -> line.substring(0, at) + line.substring(at + 1);
            default -> line.substring(0, at) + line.charAt(at) + line.substring(at);
        };
    }

    private static <T> T pick(List<T> values, SplittableRandom r) {
        return values.get(r.nextInt(values.size()));
    }

    private static void assertSame(String text, String where) {
        assertThat(outcome(text, true)).as(where + ": " + Samples.show(text)).isEqualTo(outcome(text, false));
    }

    /** The inventory in full (every host and service, with positions), or the errors in full. */
    private static String outcome(String text, boolean hostLines) {
        try {
            Inventory inv = InventoryLoader.parse(text, "inv.yaml", Path.of("inv.yaml"), hostLines);
            return "cluster " + inv.cluster() + " " + inv.defaults() + " " + inv.policy() + "\nhosts " + inv.hosts()
                    + "\nservices " + inv.services() + "\nfile " + inv.file();
        } catch (StaggerException e) {
            return "errors " + e.diagnostics() + " " + e.getMessage();
        }
    }
}
