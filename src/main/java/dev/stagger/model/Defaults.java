package dev.stagger.model;

import java.time.Duration;

/** Inventory-wide defaults for readiness: how long an instance must stay healthy, and within what. */
public record Defaults(Duration minReady, Duration readyTimeout) {
    public static final Defaults STANDARD = new Defaults(Duration.ofSeconds(30), Duration.ofMinutes(15));
}
