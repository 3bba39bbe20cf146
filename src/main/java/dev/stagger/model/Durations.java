package dev.stagger.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in stagger files and flags: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h},
 * {@code 1d}, and combinations from the largest unit down such as {@code 1h30m} or {@code 2m30s}.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
    /** Longer than any maintenance window; bigger values are typos. */
    public static final Duration MAX = Duration.ofDays(7);

    private Durations() {
    }

    /** The duration, or empty when the text is not one (or longer than {@link #MAX}). */
    public static Optional<Duration> parse(String text) {
        return problem(text) == null ? Optional.of(read(text.trim())) : Optional.empty();
    }

    /**
     * Why the text is not a duration stagger accepts, in words for a message ("longer than the limit
     * of 168h"), or null when it is one.
     */
    public static String problem(String text) {
        String t = text.trim();
        Matcher m = PART.matcher(t);
        int at = 0;
        int lastUnit = -1;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                return "not a duration";
            }
            int unit = UNITS.indexOf(m.group(2));
            if (unit <= lastUnit) {
                return "not a duration (write the units from the largest down, each once, as in 1h30m)";
            }
            lastUnit = unit;
            at = m.end();
        }
        if (lastUnit < 0) {
            return "not a duration";
        }
        return read(t).compareTo(MAX) > 0 ? "longer than the limit of " + format(MAX) : null;
    }

    private static Duration read(String t) {
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return total;
    }

    /** The shortest exact form: {@code 90s} stays {@code 90s}, {@code 120s} becomes {@code 2m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
