package dev.stagger.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Any text given as a duration (a flag or a file value) is either a duration within the limit or a
 * message that says why: the format, the order of units, or the limit. Never an exception, whatever
 * the digits (twenty nines overflow a long; 10^15 days overflow a Duration's arithmetic).
 */
class DurationsPropertyTest {
    private static final List<String> PIECES = List.of(
            "0", "1", "5", "30", "90", "500", "99999", "9223372036854775807", "99999999999999999999", "-", "+", ".", " ",
            "d", "h", "m", "s", "ms", "us", "H", "M", "min", "sec", "1h30m", "P1D", "PT5M", "\u0661", "\u00b2", "e3", "\t");

    @Provide
    Arbitrary<String> durationish() {
        return Arbitraries.of(PIECES).list().ofMaxSize(7).map(l -> String.join("", l));
    }

    @Property(tries = 500)
    void anyTextIsADurationWithinTheLimitOrSaysWhyNot(@ForAll("durationish") String text) {
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

    @Property(tries = 200)
    void unitsFromTheLargestDownAddUp(@ForAll @IntRange(max = 6) int d, @ForAll @IntRange(max = 200) int h,
                                      @ForAll @IntRange(max = 200) int m, @ForAll @IntRange(max = 9999) int s,
                                      @ForAll @LongRange(max = 99999) long ms) {
        String text = (d > 0 ? d + "d" : "") + h + "h" + m + "m" + s + "s" + ms + "ms";
        Duration want = Duration.ofDays(d).plusHours(h).plusMinutes(m).plusSeconds(s).plusMillis(ms);
        if (want.compareTo(Durations.MAX) <= 0) {
            assertThat(Durations.parse(text)).as(text).contains(want);
        } else {
            assertThat(Durations.problem(text)).as(text).isEqualTo("longer than the limit of 168h");
        }
    }
}
