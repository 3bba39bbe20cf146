package dev.stagger.report;

import dev.stagger.model.Plan;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code plan} did to the failovers the operator wrote. The planner places the failovers safety
 * needs itself (reusing a written one's id, hooks and note, with a target of its choosing), so a
 * written failover can come out with another target, or not at all: a deliberate move back at the end
 * of a maintenance, say. Neither may happen without a word.
 */
public final class WrittenFailovers {
    private WrittenFailovers() {
    }

    /** One line per written failover that the planned plan dropped or retargeted; empty when none. */
    public static List<String> changes(Plan written, Plan planned) {
        List<String> out = new ArrayList<>();
        for (Step w : written.steps()) {
            if (!(w.action() instanceof StepAction.Failover f)) {
                continue;
            }
            Optional<Step> p = planned.step(w.id());
            if (p.isEmpty()) {
                out.add("dropped: written step " + w.id() + " (" + describe(f) + ") is not in the plan: the planner places "
                        + "the failovers safety needs itself; if you want the master there at the end, add the step "
                        + "back after the steps it must follow and validate the result");
            } else if (p.get().action() instanceof StepAction.Failover g && f.to() != null && !f.to().equals(g.to())) {
                out.add("retargeted: written step " + w.id() + " fails over to " + g.to() + ", not to " + f.to()
                        + " as written: the planner chose the replica that is up and maintained at that point");
            }
        }
        return out;
    }

    private static String describe(StepAction.Failover f) {
        return "failover " + f.service() + (f.shard() != null ? " shard " + f.shard() : "") + (f.to() != null ? " to " + f.to() : "");
    }
}
