package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Durations;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Numbers and durations on the command line: a value stagger can use, or exit 2 with a message that
 * names the flag and what it takes; never an exception, never a value silently replaced (`--hosts -5`
 * once became 30).
 */
class NumericFlagsPropertyTest {
    private static final List<String> PIECES = List.of(
            "-", "+", "0", "1", "3", "9", "2147483647", "2147483648", "99999999999", "1e3", "0x10", " ", ".", "５",
            "ms", "s", "m", "h", "d", "\u001b[2K", "\u202e", "", "NaN", "∞");

    @Provide
    Arbitrary<String> numberish() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("", l));
    }

    @Example
    void aHugeMaxParallelIsRefusedNotAllocated() {
        // The planner keeps a lane per allowed step: 2147483647 once ran out of memory.
        CliResult r = CliResult.run("plan", "plans/seed-000/safe.yaml", "--max-parallel", "2147483647");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--max-parallel must be 0 (unbounded) to 100000, not 2147483647");
    }

    @Property(tries = 20)
    void maxParallelIsUsedOrRefusedByName(@ForAll("numberish") String value) {
        for (String command : new String[] {"plan", "graph"}) {
            CliResult r = CliResult.run(command, "plans/seed-000/safe.yaml", "--max-parallel", value);
            assertThat(r.exitCode()).as(r.toString()).isIn(0, 2);
            assertThat(HostileText.firstRaw(r.out() + r.err())).as(r.toString()).isNegative();
            assertThat(r.err()).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ");
            if (r.exitCode() == 2) {
                assertThat(r.err()).as(r.toString()).contains("--max-parallel");
            } else {
                assertThat(Integer.parseInt(value.trim())).as(r.toString()).isBetween(0, MaxParallelOption.MAX);
            }
        }
    }

    @Property(tries = 20)
    void aBadDurationFlagSaysWhy(@ForAll("numberish") String value) {
        if (Durations.problem(value) == null) {
            return; // a good one would start a run
        }
        CliResult r = CliResult.run("run", "plans/seed-000/safe.yaml", "--wait-safe", value);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(HostileText.firstRaw(r.out() + r.err())).as(r.toString()).isNegative();
        assertThat(r.err()).as(r.toString()).contains("--wait-safe").contains("use e.g. 500ms, 2s, 5m, 1h or 1h30m")
                .doesNotContain("Exception");
    }
}
