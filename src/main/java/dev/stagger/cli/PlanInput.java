package dev.stagger.cli;

import dev.stagger.load.PlanLoader;
import dev.stagger.model.LoadedPlan;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The plan and the inventory it runs against: the same two arguments for every plan command. */
final class PlanInput {
    @Parameters(paramLabel = "PLAN", description = "The plan file (YAML).")
    Path plan;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "The inventory; overrides the plan's `inventory:` field.")
    Path inventory;

    LoadedPlan load() {
        return PlanLoader.load(plan, inventory);
    }
}
