package dev.stagger.run;

import dev.stagger.model.Inventory;

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

    @Override
    void close();

    /** How the command line builds them for an inventory. */
    @FunctionalInterface
    interface Factory {
        LiveParts connect(Inventory inventory);
    }
}
