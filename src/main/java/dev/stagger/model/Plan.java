package dev.stagger.model;

import java.util.List;
import java.util.Optional;

/**
 * A maintenance plan as written (rolling steps expanded).
 *
 * @param file          the plan file as given to the tool (for messages)
 * @param inventoryPath the {@code inventory:} field, resolved against the plan's directory; null if absent
 */
public record Plan(String name, String file, String inventoryPath, Order order, List<Step> steps) {

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
