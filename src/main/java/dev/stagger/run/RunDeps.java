package dev.stagger.run;

import dev.stagger.model.Inventory;

/**
 * Everything the executor acts through. A real run passes live probes, process hooks and a file
 * journal; {@code --dry-run} passes dry-run ones through the same executor; tests pass fakes.
 */
public record RunDeps(
        Inventory inventory,
        Gate gate,
        FailoverAction failover,
        InstanceProbe probe,
        HookRunner hooks,
        Journal journal,
        ProgressListener progress) {
}
