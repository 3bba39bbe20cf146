package dev.stagger.cli;

import dev.stagger.load.PlanLoader;
import dev.stagger.model.LoadedPlan;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The plan and the inventory it runs against (and {@code --verbose}): the arguments every plan command shares. */
final class PlanInput {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "PLAN", description = "The plan file (YAML).")
    Path plan;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "The inventory; overrides the plan's `inventory:` field.")
    Path inventory;

    LoadedPlan load() {
        return PlanLoader.load(plan, inventory);
    }
}
