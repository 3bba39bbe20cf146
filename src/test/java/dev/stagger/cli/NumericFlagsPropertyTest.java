package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Durations;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numbers and durations on the command line: a value stagger can use, or exit 2 with a message that
 * names the flag and what it takes; never an exception, never a value silently replaced (`--hosts -5`
 * once became 30).
 */
class NumericFlagsPropertyTest {
    private static final List<String> PIECES = List.of(
            "-", "+", "0", "1", "3", "9", "2147483647", "2147483648", "99999999999", "1e3", "0x10", " ", ".", "５",
            "ms", "s", "m", "h", "d", "\u001b[2K", "\u202e", "", "NaN", "∞");

    private static final Gen<String> NUMBERISH = Gen.joined(PIECES, 1, 4);

    static Stream<Arguments> maxParallels() {
        return Samples.of("maxParallels", 20, NUMBERISH);
    }

    static Stream<Arguments> badDurations() {
        // A good one would start a run: only bad ones are tried (jqwik tried any and skipped the good ones).
        return Samples.of("badDurations", 20, NUMBERISH.filter(v -> Durations.problem(v) != null));
    }

    @Test
    void aHugeMaxParallelIsRefusedNotAllocated() {
        // The planner keeps a lane per allowed step: 2147483647 once ran out of memory.
        CliResult r = CliResult.run("plan", "plans/seed-000/safe.yaml", "--max-parallel", "2147483647");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--max-parallel must be 0 (unbounded) to 100000, not 2147483647");
    }

    @Property
    @MethodSource("maxParallels")
    void maxParallelIsUsedOrRefusedByName(String value) {
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

    @Property
    @MethodSource("badDurations")
    void aBadDurationFlagSaysWhy(String value) {
        assertThat(Durations.problem(value)).as("a bad duration").isNotNull();
        CliResult r = CliResult.run("run", "plans/seed-000/safe.yaml", "--wait-safe", value);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(HostileText.firstRaw(r.out() + r.err())).as(r.toString()).isNegative();
        assertThat(r.err()).as(r.toString()).contains("--wait-safe").contains("use e.g. 500ms, 2s, 5m, 1h or 1h30m")
                .doesNotContain("Exception");
    }
}
