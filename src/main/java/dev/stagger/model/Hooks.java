package dev.stagger.model;

import java.util.List;

/**
 * Commands a step runs, each an argument list (no shell). Empty lists mean "done by a person".
 * Placeholders {@code {host}}, {@code {address}}, {@code {port}}, {@code {service}} are substituted per target.
 */
public record Hooks(List<String> down, List<String> doCommand, List<String> up) {
    public static final Hooks NONE = new Hooks(List.of(), List.of(), List.of());

    public boolean isManual() {
        return down.isEmpty() && up.isEmpty();
    }
}
