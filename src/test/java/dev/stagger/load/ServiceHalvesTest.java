package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.bench.DcFleet;
import dev.stagger.bench.FleetGenerator;
import dev.stagger.model.Inventory;
import dev.stagger.model.StaggerException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A big fleet's services are read in two halves on two threads ({@link ServiceReader}); the
 * inventory, or the errors, must be exactly those of reading them one after another, including the
 * checks that span both halves (an endpoint in two services, a {@code requires} cycle).
 */
class ServiceHalvesTest {
    private static String fleet;
    private static List<int[]> blocks;

    @BeforeAll
    static void generate() {
        fleet = FleetGenerator.inventoryYaml(DcFleet.generate(3, 1600, 5, false).inventory());
        blocks = serviceBlocks(fleet);
    }

    @Test
    void a_big_fleet_takes_the_two_halves_and_reads_the_same() {
        assertThat(blocks.size()).as("services").isGreaterThanOrEqualTo(ServiceReader.CONCURRENT_SERVICES);
        assertThat(outcome(fleet, true)).startsWith("cluster").isEqualTo(outcome(fleet, false));
    }

    @Test
    void an_endpoint_in_a_service_of_each_half_is_reported_as_one_after_another_reports_it() {
        int a = firstWith(1, "    kind: app");
        int b = lastWith("    kind: redis");
        assertThat(a).isLessThan(blocks.size() / 2);
        assertThat(b).isGreaterThanOrEqualTo(blocks.size() / 2);
        String host = block(a).substring(block(a).indexOf("instances: [") + "instances: [".length());
        host = host.substring(0, host.indexOf(','));
        String broken = replaceInBlock(fleet, b, "instances: [", "instances: [" + host + ":8080, ");
        broken = replaceInBlock(broken, a, "instances: [" + host, "instances: [" + host + ":8080");
        assertThat(outcome(broken, true)).contains("is already an instance of").isEqualTo(outcome(broken, false));
    }

    @Test
    void a_requires_cycle_through_both_halves_is_reported_as_one_after_another_reports_it() {
        int a = firstWith(1, "    kind: app");
        int b = lastWith("    kind: app");
        assertThat(b).isGreaterThanOrEqualTo(blocks.size() / 2);
        String broken = appendToBlock(appendToBlock(fleet, b, "    requires: [" + name(a) + "]"), a,
                "    requires: [" + name(b) + "]");
        assertThat(outcome(broken, true)).contains("cycle").isEqualTo(outcome(broken, false));
        String oneWay = appendToBlock(fleet, a, "    requires: [" + name(b) + "]");
        assertThat(outcome(oneWay, true)).startsWith("cluster").isEqualTo(outcome(oneWay, false));
    }

    @Test
    void an_error_in_either_half_is_reported_as_one_after_another_reports_it() {
        int first = firstWith(2, "    kind: app");
        int second = lastWith("    kind: redis");
        List<String> broken = List.of(
                replaceInBlock(fleet, first, "    min_healthy:", "    min_healty:"),
                replaceInBlock(fleet, second, "    master: ", "    master: nowhere:1 #"),
                replaceInBlock(fleet, second, "instances: [", "instances: [no-such-host:6379, "),
                replaceInBlock(replaceInBlock(fleet, first, "    kind: app", "    kind: ap"), second, "    sentinel: ",
                        "    sentinel: no-such-sentinel #"));
        for (String text : broken) {
            assertThat(text).isNotEqualTo(fleet);
            assertThat(outcome(text, true)).startsWith("errors").isEqualTo(outcome(text, false));
        }
    }

    /** The inventory in full, or the errors in full. */
    private static String outcome(String text, boolean shortcuts) {
        try {
            Inventory inv = InventoryLoader.parse(text, "inv.yaml", Path.of("inv.yaml"), shortcuts);
            return "cluster " + inv.cluster() + "\nhosts " + inv.hosts() + "\nservices " + inv.services()
                    + "\ninstances " + inv.allInstances();
        } catch (StaggerException e) {
            return "errors " + e.diagnostics() + " " + e.getMessage();
        }
    }

    /** Offsets [start, end) of each service's lines. */
    private static List<int[]> serviceBlocks(String text) {
        List<int[]> out = new ArrayList<>();
        int at = text.indexOf("\nservices:\n") + "\nservices:\n".length();
        int start = at;
        while (at < text.length()) {
            int next = text.indexOf('\n', at) + 1;
            if (next == 0) {
                next = text.length();
            }
            if (at > start && text.startsWith("  ", at) && text.charAt(at + 2) != ' ') {
                out.add(new int[] {start, at});
                start = at;
            }
            at = next;
        }
        out.add(new int[] {start, text.length()});
        return out;
    }

    private static String block(int i) {
        return fleet.substring(blocks.get(i)[0], blocks.get(i)[1]);
    }

    private static String name(int i) {
        String b = block(i);
        return b.substring(2, b.indexOf(':'));
    }

    private static int firstWith(int from, String line) {
        for (int i = from; i < blocks.size(); i++) {
            if (block(i).contains(line + "\n")) {
                return i;
            }
        }
        throw new AssertionError("no service with " + line + " after " + from);
    }

    private static int lastWith(String line) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            if (block(i).contains(line + "\n")) {
                return i;
            }
        }
        throw new AssertionError("no service with " + line);
    }

    /** Block offsets stay those of {@link #fleet}: edit later blocks first when editing two. */
    private static String replaceInBlock(String text, int i, String from, String to) {
        int shift = text.length() - fleet.length();
        int start = blocks.get(i)[0] + (i > 0 && shift != 0 && blocks.get(i)[0] > firstChange(text) ? shift : 0);
        int at = text.indexOf(from, start);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static String appendToBlock(String text, int i, String line) {
        int shift = text.length() - fleet.length();
        int end = blocks.get(i)[1] + (shift != 0 && blocks.get(i)[1] > firstChange(text) ? shift : 0);
        return text.substring(0, end) + line + "\n" + text.substring(end);
    }

    private static int firstChange(String text) {
        int k = 0;
        while (k < text.length() && k < fleet.length() && text.charAt(k) == fleet.charAt(k)) {
            k++;
        }
        return k;
    }
}
