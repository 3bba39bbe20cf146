package dev.stagger.check;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import java.util.List;

/**
 * Every static safety rule of SPEC, evaluated over every set of steps that may be in progress at
 * once (every antichain of the plan's partial order), not only the order written.
 */
public final class Checker {
    private static final List<String> RULES = List.of(
            "min-healthy", "master-down", "no-failover-target", "failover-quorum", "cluster-majority",
            "requires", "overlap", "max-down-dcs", "cluster-dc-majority", "left-down", "single-dc");

    private Checker() {
    }

    /** The rule ids this checker evaluates, in the order reports list them. */
    public static List<String> ruleIds() {
        return RULES;
    }

    /** Every violation, ordered by the plan position of the step it is reported at, then by rule. */
    public static List<Diagnostic> check(Inventory inventory, StepGraph graph) {
        Poset poset = new Poset(graph);
        Downtime downtime = new Downtime(inventory, poset);
        Masters masters = new Masters(inventory, poset);
        Context ctx = new Context(inventory, poset, downtime, masters, new Findings(poset, RULES));
        CountingRules.check(ctx);
        MasterRules.check(ctx);
        RequiresRule.check(ctx);
        OverlapRule.check(ctx);
        MaxDownDcsRule.check(ctx);
        WarningRules.check(ctx);
        return ctx.findings().diagnostics();
    }
}
