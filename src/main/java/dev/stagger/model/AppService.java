package dev.stagger.model;

import java.util.List;

/**
 * A pool of app servers behind a health endpoint.
 *
 * @param writeCheck proves an instance can write (see {@link WriteCheck}), or null when none is declared
 */
public record AppService(
        String name,
        List<Endpoint> instances,
        MinHealthy minHealthy,
        String health,
        List<String> requires,
        Position position,
        WriteCheck writeCheck) implements Service {

    /** An app without a {@code write_check}. */
    public AppService(String name, List<Endpoint> instances, MinHealthy minHealthy, String health,
                      List<String> requires, Position position) {
        this(name, instances, minHealthy, health, requires, position, null);
    }

    @Override
    public String kind() {
        return "app";
    }

    /** How many instances may be down at once without breaking {@code min_healthy}. */
    public int allowedDown() {
        return Math.max(0, instances.size() - minHealthy.required(instances.size()));
    }
}
