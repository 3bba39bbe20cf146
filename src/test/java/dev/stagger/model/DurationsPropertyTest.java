package dev.stagger.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any text given as a duration (a flag or a file value) is either a duration within the limit or a
 * message that says why: the format, the order of units, or the limit. Never an exception, whatever
 * the digits (twenty nines overflow a long; 10^15 days overflow a Duration's arithmetic).
 */
class DurationsPropertyTest {
    private static final List<String> PIECES = List.of(
            "0", "1", "5", "30", "90", "500", "99999", "9223372036854775807", "99999999999999999999", "-", "+", ".", " ",
            "d", "h", "m", "s", "ms", "us", "H", "M", "min", "sec", "1h30m", "P1D", "PT5M", "\u0661", "\u00b2", "e3", "\t");

    static Stream<Arguments> durationish() {
        return Samples.of("durationish", 500, Gen.joined(PIECES, 0, 7));
    }

    static Stream<Arguments> units() {
        return Samples.of("units", 200, Gen.ints(0, 6), Gen.ints(0, 200), Gen.ints(0, 200), Gen.ints(0, 9999),
                Gen.longs(0, 99999));
    }

    @Property
    @MethodSource("durationish")
    void anyTextIsADurationWithinTheLimitOrSaysWhyNot(String text) {
        String problem = Durations.problem(text);
        var parsed = Durations.parse(text);
        if (problem == null) {
            assertThat(parsed).as(text).isPresent();
            assertThat(parsed.get()).as(text).isBetween(Duration.ZERO, Durations.MAX);
        } else {
            assertThat(parsed).as(text).isEmpty();
            assertThat(problem).as(text).matches("not a duration.*|longer than the limit of 168h");
        }
    }

    @Property
    @MethodSource("units")
    void unitsFromTheLargestDownAddUp(int d, int h, int m, int s, long ms) {
        String text = (d > 0 ? d + "d" : "") + h + "h" + m + "m" + s + "s" + ms + "ms";
        Duration want = Duration.ofDays(d).plusHours(h).plusMinutes(m).plusSeconds(s).plusMillis(ms);
        if (want.compareTo(Durations.MAX) <= 0) {
            assertThat(Durations.parse(text)).as(text).contains(want);
        } else {
            assertThat(Durations.problem(text)).as(text).isEqualTo("longer than the limit of 168h");
        }
    }
}
