package dev.stagger.report;

import dev.stagger.model.Plan;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.plan.PlanResult;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code plan} did to the failovers the operator wrote. The planner keeps them where safety
 * allows (with the operator's target, or added back after the steps they followed); a written failover
 * that comes out with another target, or not at all, may not go without a word, and the word says why.
 */
public final class WrittenFailovers {
    private WrittenFailovers() {
    }

    /** One line per written failover that the planned plan dropped or retargeted; empty when none. */
    public static List<String> changes(Plan written, PlanResult result) {
        List<String> out = new ArrayList<>();
        Map<String, Step> planned = null;
        for (Step w : written.steps()) {
            if (!(w.action() instanceof StepAction.Failover f)) {
                continue;
            }
            String why = result.writtenFailovers().get(w.id());
            if (why != null) {
                out.add(why);
                continue;
            }
            // The planner explains every change it makes; a change it did not explain is still said.
            if (planned == null) {
                planned = new HashMap<>();
                for (Step s : result.plan().steps()) {
                    planned.put(s.id(), s);
                }
            }
            Step p = planned.get(w.id());
            if (p == null) {
                out.add("dropped: written step " + w.id() + " (" + f.describe() + ") is not in the plan; add it back "
                        + "after the steps it must follow and validate the result");
            } else if (p.action() instanceof StepAction.Failover g && f.to() != null && !f.to().equals(g.to())) {
                out.add("retargeted: written step " + w.id() + " fails over to " + g.to() + ", not to " + f.to()
                        + " as written");
            }
        }
        return out;
    }
}
