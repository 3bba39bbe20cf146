package dev.stagger.run;

import dev.stagger.model.Diagnostic;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a safety gate says about starting a step now: safe, or blocked by the listed rule failures
 * (each with its rule id, message and a concrete fix).
 */
public record GateVerdict(List<Diagnostic> blockers) {
    private static final GateVerdict SAFE = new GateVerdict(List.of());

    public GateVerdict {
        blockers = List.copyOf(blockers);
    }

    public static GateVerdict safe() {
        return SAFE;
    }

    public static GateVerdict blocked(List<Diagnostic> blockers) {
        if (blockers.isEmpty()) {
            throw new IllegalArgumentException("a blocked verdict needs at least one reason");
        }
        return new GateVerdict(blockers);
    }

    /** Safe when there are no blockers, otherwise blocked by them. */
    public static GateVerdict of(List<Diagnostic> blockers) {
        return blockers.isEmpty() ? SAFE : blocked(blockers);
    }

    public boolean isSafe() {
        return blockers.isEmpty();
    }

    /** One line per blocker: {@code rule: message (fix: ...)}. */
    public String describe() {
        return blockers.stream()
                .map(d -> d.rule() + ": " + d.message() + (d.fix() == null ? "" : " (fix: " + d.fix() + ")"))
                .collect(Collectors.joining("; "));
    }
}
