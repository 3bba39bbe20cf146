package dev.stagger.live;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects live diagnostics for one check (one step, or the whole cluster), without duplicates. */
final class Findings {
    private final Position position;
    private final List<String> steps;
    private final Set<Diagnostic> found = new LinkedHashSet<>();

    Findings(Position position, List<String> steps) {
        this.position = position;
        this.steps = steps;
    }

    void error(String rule, String subject, String message, String fix) {
        found.add(new Diagnostic(position, Severity.ERROR, rule, steps, subject, message, fix));
    }

    void warning(String rule, String subject, String message, String fix) {
        found.add(new Diagnostic(position, Severity.WARNING, rule, steps, subject, message, fix));
    }

    List<Diagnostic> list() {
        return new ArrayList<>(found);
    }
}
