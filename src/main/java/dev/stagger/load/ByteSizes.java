package dev.stagger.load;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts as written in an inventory: {@code 1048576}, {@code 512KiB}, {@code 1MiB}, {@code 1MB}. */
final class ByteSizes {
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(B|KB|KiB|MB|MiB|GB|GiB)");
    private static final Map<String, Long> UNITS = Map.of(
            "B", 1L,
            "KB", 1000L, "KiB", 1024L,
            "MB", 1000L * 1000, "MiB", 1024L * 1024,
            "GB", 1000L * 1000 * 1000, "GiB", 1024L * 1024 * 1024);
    /** No replication lag bound is meaningfully larger; bigger values are typos. */
    static final long MAX = 1024L * 1024 * 1024 * 1024;

    private ByteSizes() {
    }

    /** The number of bytes, or empty when the text is not a size (or above {@link #MAX}). */
    static Optional<Long> parse(String text) {
        String t = text.trim();
        long n;
        if (t.matches("\\d{1,15}")) {
            n = Long.parseLong(t);
        } else {
            Matcher m = FORM.matcher(t);
            if (!m.matches()) {
                return Optional.empty();
            }
            n = Long.parseLong(m.group(1)) * UNITS.get(m.group(2));
            if (n / UNITS.get(m.group(2)) != Long.parseLong(m.group(1))) {
                return Optional.empty();
            }
        }
        return n <= MAX ? Optional.of(n) : Optional.empty();
    }
}
