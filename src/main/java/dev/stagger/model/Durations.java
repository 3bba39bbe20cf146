package dev.stagger.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in stagger files and flags: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    /** Longer than any maintenance window; bigger values are typos. */
    public static final Duration MAX = Duration.ofDays(7);

    private Durations() {
    }

    /** The duration, or empty when the text is not one (or longer than {@link #MAX}). */
    public static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        return d.compareTo(MAX) > 0 ? Optional.empty() : Optional.of(d);
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
