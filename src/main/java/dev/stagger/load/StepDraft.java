package dev.stagger.load;

import dev.stagger.model.Hooks;
import dev.stagger.model.Position;
import dev.stagger.model.StepAction;
import java.time.Duration;
import java.util.List;

/**
 * A step as read, before ids are checked across the plan and {@code rolling} is expanded.
 *
 * @param action  null when the step's action was wrong (already reported); the id still counts, so
 *                an {@code after} naming this step is not reported a second time
 * @param rolling true for a {@code rolling} step, whose action holds all the targets to spread
 * @param after   the ids as written, with their nodes for messages
 */
record StepDraft(
        String id,
        Position position,
        StepAction action,
        boolean rolling,
        List<Values.Named> after,
        Hooks hooks,
        Duration minReady,
        Duration readyTimeout,
        String note,
        Duration hookTimeout) {
}
