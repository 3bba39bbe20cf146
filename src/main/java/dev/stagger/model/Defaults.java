package dev.stagger.model;

import java.time.Duration;

/**
 * Inventory-wide defaults: how long a restarted instance must stay healthy, within what, and how
 * long a hook may run before stagger ends it (a hung {@code ssh} must not hold a run forever).
 */
public record Defaults(Duration minReady, Duration readyTimeout, Duration hookTimeout) {
    public static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(30);
    public static final Defaults STANDARD = new Defaults(Duration.ofSeconds(30), Duration.ofMinutes(15), DEFAULT_HOOK_TIMEOUT);

    public Defaults(Duration minReady, Duration readyTimeout) {
        this(minReady, readyTimeout, DEFAULT_HOOK_TIMEOUT);
    }
}
