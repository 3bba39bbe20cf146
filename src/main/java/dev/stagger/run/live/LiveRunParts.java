package dev.stagger.run.live;

import dev.stagger.live.LiveProber;
import dev.stagger.live.ProbeSettings;
import dev.stagger.live.cluster.ClusterFailoverSettings;
import dev.stagger.live.failover.FailoverSettings;
import dev.stagger.live.lock.RedisLockStore;
import dev.stagger.model.Inventory;
import dev.stagger.run.DryRunCluster;
import dev.stagger.run.FailoverAction;
import dev.stagger.run.Gate;
import dev.stagger.run.InstanceProbe;
import dev.stagger.run.LiveParts;
import dev.stagger.run.LockStore;
import java.util.Optional;

/**
 * The live cluster as {@code stagger run} sees it: a gate that probes everything and checks the live
 * rules, failovers through Sentinel, {@code FAILOVER TO} or {@code CLUSTER FAILOVER}, and probes that
 * say whether one instance is down or ready. Each call probes afresh: a run acts on the cluster as it
 * is at that moment, never on what it was when the run started.
 */
public final class LiveRunParts implements LiveParts {
    private final LiveGate gate;
    private final LiveFailover failover;
    private final LiveInstanceProbe probe;
    private final LiveDryRun dryRun;
    private final Optional<LockStore> lockStore;

    LiveRunParts(Inventory inventory, Settings settings) {
        LiveProber prober = new LiveProber(settings.probe());
        this.gate = new LiveGate(inventory, prober, settings.skippedRules());
        this.failover = new LiveFailover(inventory, prober, settings.failover(), settings.cluster());
        this.probe = new LiveInstanceProbe(inventory, prober);
        this.dryRun = new LiveDryRun(inventory, prober, gate);
        this.lockStore = RedisLockStore.forInventory(inventory, System::getenv);
    }

    /**
     * Timeouts of probes and failovers, and the gate rules the operator waived for this run.
     *
     * @param skipTargetWritesCheck the hidden {@code --unsafe-skip-target-writes-check}: the gate lets a
     *                              failover target through that would refuse writes, so the fail-back
     *                              after the switch can be exercised (tests, drills); never for production
     */
    public record Settings(ProbeSettings probe, FailoverSettings failover, ClusterFailoverSettings cluster,
                           boolean allowFullResync, boolean skipTargetWritesCheck) {
        public static final Settings DEFAULT = new Settings(ProbeSettings.DEFAULT, FailoverSettings.DEFAULTS,
                ClusterFailoverSettings.DEFAULT, false, false);

        public Settings(ProbeSettings probe, FailoverSettings failover, ClusterFailoverSettings cluster) {
            this(probe, failover, cluster, false, false);
        }

        /** {@code --allow-full-resync}: a failover that forces a replica into a full resync is not refused. */
        public Settings allowingFullResync() {
            return new Settings(probe, failover, cluster, true, skipTargetWritesCheck);
        }

        /** The hidden {@code --unsafe-skip-target-writes-check}: the gate does not block on {@code target-writes}. */
        public Settings skippingTargetWritesCheck() {
            return new Settings(probe, failover, cluster, allowFullResync, true);
        }

        /** The rules whose findings do not block the gate. */
        java.util.Set<String> skippedRules() {
            java.util.Set<String> out = new java.util.TreeSet<>();
            if (allowFullResync) {
                out.add("full-resync");
            }
            if (skipTargetWritesCheck) {
                out.add("target-writes");
            }
            return out;
        }
    }

    /** How {@code stagger run} connects to an inventory's cluster. */
    public static LiveParts.Factory factory(Settings settings) {
        return inventory -> new LiveRunParts(inventory, settings);
    }

    public static LiveParts.Factory factory() {
        return factory(Settings.DEFAULT);
    }

    @Override
    public Gate gate() {
        return gate;
    }

    @Override
    public FailoverAction failover() {
        return failover;
    }

    @Override
    public InstanceProbe probe() {
        return probe;
    }

    @Override
    public DryRunCluster dryRun() {
        return dryRun;
    }

    @Override
    public Optional<LockStore> lockStore() {
        return lockStore;
    }

    @Override
    public void close() {
        // Every probe opens and closes its own connections: nothing is held between calls.
    }
}
