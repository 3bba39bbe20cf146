package dev.stagger.model;

import java.util.List;

/** What a step does. {@code rolling} is expanded at load time into one {@link Maintain} per host. */
public sealed interface StepAction {
    /** The targets an action takes down or brings up; empty for a failover (or no action). */
    static List<Target> targetsOf(StepAction action) {
        if (action instanceof Maintain m) {
            return m.targets();
        }
        if (action instanceof Stop s) {
            return s.targets();
        }
        if (action instanceof Start s) {
            return s.targets();
        }
        return List.of();
    }


    /** The word used in the plan file. */
    String keyword();

    /** Take the targets down, run {@code do}, bring them up, wait until ready. */
    record Maintain(List<Target> targets) implements StepAction {
        public String keyword() {
            return "maintain";
        }
    }

    /** Take the targets down and leave them down. */
    record Stop(List<Target> targets) implements StepAction {
        public String keyword() {
            return "stop";
        }
    }

    /** Bring the targets up and wait until ready. */
    record Start(List<Target> targets) implements StepAction {
        public String keyword() {
            return "start";
        }
    }

    /**
     * Promote a replica of a redis or redis-cluster service.
     *
     * @param to    the replica to promote, or null for "any healthy replica"
     * @param shard for a cluster, the shard's current master; null otherwise
     */
    record Failover(String service, Endpoint to, Endpoint shard) implements StepAction {
        public String keyword() {
            return "failover";
        }

        /** {@code failover cache to app2:6379}, {@code failover sessions shard r1:7000}: as messages name it. */
        public String describe() {
            return "failover " + service + (shard != null ? " shard " + shard : "") + (to != null ? " to " + to : "");
        }
    }
}
