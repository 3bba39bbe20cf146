package dev.stagger.report;

import java.util.Map;

/** One line per rule id, for reports that describe their rules (SARIF's {@code tool.driver.rules}). */
public final class RuleDescriptions {
    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("input", "The plan or inventory is not valid input: unreadable, invalid YAML, unknown names or keys."),
            Map.entry("min-healthy", "An app pool can have fewer healthy instances than min_healthy."),
            Map.entry("master-down", "A step takes down a Redis master that no earlier, ordered failover moved away."),
            Map.entry("no-failover-target", "A failover has no healthy replica outside the hosts down at that time."),
            Map.entry("failover-quorum", "The sentinels left up are fewer than the quorum or not a majority of all sentinels."),
            Map.entry("cluster-majority", "A Redis Cluster can lose the majority of its masters, or a shard can have no instance up."),
            Map.entry("requires", "An instance starts while a service it requires has no master or no healthy instance."),
            Map.entry("overlap", "Two steps that may overlap touch the same instance or the same redis group."),
            Map.entry("max-down-dcs", "Instances can be down in more data centres at once than the policy allows."),
            Map.entry("cluster-dc-majority", "One data centre holds half or more of a Redis Cluster's masters."),
            Map.entry("left-down", "The plan ends with instances still stopped."),
            Map.entry("single-dc", "A pool or redis group has every instance in one data centre."),
            Map.entry("drift", "The live topology differs from the inventory."),
            Map.entry("unreachable", "An instance the step needs does not answer."),
            Map.entry("auth", "An instance answers but refuses stagger's credentials (wrong password or user)."),
            Map.entry("replica-sync", "The failover target or a restarted replica is not in sync with its master."),
            Map.entry("persistence", "An instance to stop is saving, or is a master with unsaved changes and no replica."),
            Map.entry("memory-headroom", "The instance about to take over as master is short of memory headroom."),
            Map.entry("split-brain", "More than one instance of a redis group reports master, or the sentinels disagree."),
            Map.entry("sentinel-voters", "A sentinel counts a different number of other sentinels than there are."),
            Map.entry("resync", "An instance of the group is in a full resync: a step now adds load or loses the only full copy."),
            Map.entry("target-writes", "The failover target would refuse or drop writes once master (min-replicas-to-write, maxmemory)."),
            Map.entry("full-resync", "After the failover a replica could not continue from the target's backlog: a full resync."),
            Map.entry("fork-time", "A Redis Cluster node's last fork took longer than its cluster-node-timeout."));

    private RuleDescriptions() {
    }

    public static String of(String rule) {
        return SHORT.getOrDefault(rule, "stagger rule " + rule + ".");
    }
}
