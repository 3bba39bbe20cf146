package dev.stagger.check;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import java.util.List;

/** Every static safety rule over every set of steps that may overlap. (Being written; see issue 2.) */
public final class Checker {
    private Checker() {
    }

    /** The rule ids this checker evaluates, in the order reports list them. */
    public static List<String> ruleIds() {
        throw new UnsupportedOperationException("checker is not written yet");
    }

    public static List<Diagnostic> check(Inventory inventory, StepGraph graph) {
        throw new UnsupportedOperationException("checker is not written yet");
    }
}
