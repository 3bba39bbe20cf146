package dev.stagger.model;

import java.time.Duration;
import java.util.List;

/**
 * One step of a plan, after {@code rolling} expansion and target resolution.
 *
 * @param after        ids of the steps this one waits for, as written (rolling ids already expanded)
 * @param rollingGroup the id of the {@code rolling} step this was expanded from, or null
 * @param minReady     null means the inventory default
 * @param readyTimeout null means the inventory default
 * @param position     where the step is written in the plan file
 * @param hookTimeout  how long each of its hooks may run before its process group is ended; null means the default
 */
public record Step(
        String id,
        StepAction action,
        List<String> after,
        Hooks hooks,
        Duration minReady,
        Duration readyTimeout,
        String note,
        String rollingGroup,
        Position position,
        Duration hookTimeout) {

    public Step(String id, StepAction action, List<String> after, Hooks hooks, Duration minReady, Duration readyTimeout,
                String note, String rollingGroup, Position position) {
        this(id, action, after, hooks, minReady, readyTimeout, note, rollingGroup, position, null);
    }

    /** The targets this step takes down or brings up; empty for a failover. */
    public List<Target> targets() {
        return StepAction.targetsOf(action);
    }

    public boolean isFailover() {
        return action instanceof StepAction.Failover;
    }

    /** Maintenance steps count towards waves: maintain, stop and start. */
    public boolean isMaintenance() {
        return !isFailover();
    }
}
