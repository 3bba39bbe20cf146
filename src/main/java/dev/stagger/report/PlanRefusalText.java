package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import java.util.List;

/** Why {@code plan} found no safe order: each problem located, with its rule and fix, then a verdict line. */
public final class PlanRefusalText {
    private PlanRefusalText() {
    }

    public static String render(List<Diagnostic> refusal, String planFile, Ansi ansi) {
        List<Diagnostic> tagged = refusal.stream().map(d -> new Diagnostic(d.position(), d.severity(), d.rule(),
                d.steps(), d.subject(), "[" + d.rule() + "] " + d.message(), d.fix())).toList();
        return InputErrors.render(tagged, ansi) + "stagger: no safe order exists for " + planFile + " ("
                + refusal.size() + (refusal.size() == 1 ? " problem" : " problems") + "); nothing was written\n";
    }
}
