package dev.stagger.run;

import dev.stagger.model.StepAction;
import java.util.List;

/** The phases a step goes through, in order; the journal records each one's start and end. */
public enum Phase {
    FAILOVER("failover"),
    DOWN("down"),
    CONFIRM_DOWN("confirm-down"),
    DO("do"),
    UP("up"),
    READY("ready");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Phase ofLabel(String label) {
        for (Phase p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown phase " + label);
    }

    /** The phases of an action: maintain goes all the way round, stop stays down, start comes up. */
    public static List<Phase> of(StepAction action) {
        if (action instanceof StepAction.Failover) {
            return List.of(FAILOVER);
        }
        if (action instanceof StepAction.Stop) {
            return List.of(DOWN, CONFIRM_DOWN, DO);
        }
        if (action instanceof StepAction.Start) {
            return List.of(DO, UP, READY);
        }
        return List.of(DOWN, CONFIRM_DOWN, DO, UP, READY);
    }
}
