package dev.stagger.model;

import java.util.List;

/** A pool of app servers behind a health endpoint. */
public record AppService(
        String name,
        List<Endpoint> instances,
        MinHealthy minHealthy,
        String health,
        List<String> requires,
        Position position) implements Service {

    @Override
    public String kind() {
        return "app";
    }

    /** How many instances may be down at once without breaking {@code min_healthy}. */
    public int allowedDown() {
        return Math.max(0, instances.size() - minHealthy.required(instances.size()));
    }
}
