package dev.stagger.load;

import dev.stagger.model.LoadedPlan;
import java.nio.file.Path;

/** Reads a plan and the inventory it names. (Being written; see issue 2.) */
public final class PlanLoader {
    private PlanLoader() {
    }

    /** @param inventoryOverride {@code -i}, or null to use the plan's {@code inventory:} field */
    public static LoadedPlan load(Path plan, Path inventoryOverride) {
        throw new UnsupportedOperationException("plan loading is not written yet");
    }
}
