package dev.stagger.run;

import dev.stagger.model.Inventory;
import java.util.Optional;

/**
 * The parts of a run that talk to the real cluster: the safety gate, failovers and instance probes.
 * Built from the inventory by the live package's adapter; {@code --dry-run} uses {@link #dryRun()}
 * (reading is harmless) and replaces the failover and probes.
 */
public interface LiveParts extends AutoCloseable {
    Gate gate();

    FailoverAction failover();

    InstanceProbe probe();

    /** {@code --dry-run}'s view: the gate and failover targets with the dry failovers applied. */
    default DryRunCluster dryRun() {
        return DryRunCluster.unsimulated(gate(), failover());
    }

    /**
     * The run lock in the cluster's own Redis ({@code policy.lock_group}, else the first
     * Sentinel-managed group, ...); empty when the inventory has no Redis or names a lock file, and
     * the run then uses {@link RunLock#forInventory}.
     */
    default Optional<LockStore> lockStore() {
        return Optional.empty();
    }

    @Override
    void close();

    /** How the command line builds them for an inventory. */
    @FunctionalInterface
    interface Factory {
        LiveParts connect(Inventory inventory);
    }
}
