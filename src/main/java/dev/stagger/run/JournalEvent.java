package dev.stagger.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One line of the journal: when, what happened, to which step (null for run-wide events), and flat
 * details in insertion order. Details are kept as text; numbers and booleans are written as JSON
 * numbers and booleans ({@link JournalSchema}) and read back with {@link #number} and {@link #flag}.
 */
public record JournalEvent(Instant time, String event, String step, Map<String, String> details) {

    public JournalEvent {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public String detail(String key) {
        return details.get(key);
    }

    /** A numeric detail ({@code took_ms}, {@code pid}), whether written as a number or, by older versions, as text. */
    public OptionalLong number(String key) {
        String v = details.get(key);
        try {
            return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A yes/no detail ({@code resume}): true only when it says true. */
    public boolean flag(String key) {
        return "true".equals(details.get(key));
    }

    /**
     * {@code of(now, "hook-done", "dc1", "phase", "down", "took_ms", 120)}: details as key, value
     * pairs; a value may be text, a number or a boolean, and a null value leaves the key out.
     */
    public static JournalEvent of(Instant time, String event, String step, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("details come in key, value pairs");
        }
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                d.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
            }
        }
        return new JournalEvent(time, event, step, d);
    }
}
