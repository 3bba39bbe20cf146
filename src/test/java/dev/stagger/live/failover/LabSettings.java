package dev.stagger.live.failover;

import java.time.Duration;

/** Deadlines for the lab: everything is local, so a second is long. */
final class LabSettings {
    static final FailoverSettings FAST = new FailoverSettings(Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(10),
            Duration.ofSeconds(10));

    private LabSettings() {
    }
}
