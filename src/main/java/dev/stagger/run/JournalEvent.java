package dev.stagger.run;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the journal: when, what happened, to which step (null for run-wide events), and flat
 * string details in insertion order.
 */
public record JournalEvent(Instant time, String event, String step, Map<String, String> details) {

    public JournalEvent {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public String detail(String key) {
        return details.get(key);
    }

    /** {@code of(now, "phase-done", "dc1", "phase", "down")}: details as key, value pairs. */
    public static JournalEvent of(Instant time, String event, String step, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("details come in key, value pairs");
        }
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                d.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return new JournalEvent(time, event, step, d);
    }
}
