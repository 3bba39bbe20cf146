package dev.stagger.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each journal event looks like: whether it names a step, which details it cannot do without,
 * and which details are numbers or true/false rather than text. The writer uses it to type values
 * on disk; the reader uses it to reject a line that stagger did not write, instead of guessing.
 */
final class JournalSchema {
    /** How a detail is written: quoted text, a JSON number or a JSON boolean. */
    enum Kind { TEXT, NUMBER, FLAG }

    /** Whether an event is about one step. */
    enum StepRule { REQUIRED, OPTIONAL, NONE }

    /** One event's shape: its step rule and the details it must carry. */
    record Shape(StepRule step, List<String> required) {
    }

    private static final Set<String> NUMBERS = Set.of("took_ms", "pid", "number", "max_parallel", "steps");
    private static final Set<String> FLAGS = Set.of("resume", "dry_run", "resumed", "forced");

    private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        shape(Events.RUN_STARTED, StepRule.NONE, "plan", "plan_hash", "resume");
        shape(Events.RUN_DONE, StepRule.NONE);
        shape(Events.RUN_HALTED, StepRule.OPTIONAL, "message");
        shape(Events.RUN_FAILED, StepRule.OPTIONAL, "message");
        shape(Events.RUN_CANCELLED, StepRule.NONE);
        shape(Events.STEP_STARTED, StepRule.REQUIRED);
        shape(Events.STEP_DONE, StepRule.REQUIRED);
        shape(Events.STEP_ABANDONED, StepRule.REQUIRED, "phase");
        shape(Events.STEP_FAILED, StepRule.REQUIRED, "message");
        shape(Events.GATE_BLOCKED, StepRule.REQUIRED, "rule", "message");
        shape(Events.GATE_PASSED, StepRule.REQUIRED);
        shape(Events.PHASE_STARTED, StepRule.REQUIRED, "phase");
        shape(Events.PHASE_DONE, StepRule.REQUIRED, "phase");
        shape(Events.HOOK_STARTED, StepRule.REQUIRED, "phase", "target");
        // `tail` and `printed` since hooks stream their output; `line` (one event per line) in older journals
        shape(Events.HOOK_OUTPUT, StepRule.REQUIRED, "phase", "target");
        shape(Events.HOOK_DONE, StepRule.REQUIRED, "phase", "target");
        shape(Events.HOOK_ENDED, StepRule.REQUIRED, "phase", "target");
        shape(Events.OPERATOR, StepRule.REQUIRED, "phase", "instruction");
        shape(Events.FAILOVER_TARGET, StepRule.REQUIRED, "target");
        shape(Events.FAILOVER_ACTION, StepRule.REQUIRED, "action");
        // no step: the end-of-run check of every app the plan's groups serve
        shape(Events.APPS_CHECKED, StepRule.OPTIONAL, "when", "apps");
        shape(Events.FAILED_BACK, StepRule.REQUIRED, "from", "to", "result");
    }

    private JournalSchema() {
    }

    private static void shape(String event, StepRule step, String... required) {
        SHAPES.put(event, new Shape(step, List.of(required)));
    }

    static Optional<Shape> of(String event) {
        return Optional.ofNullable(SHAPES.get(event));
    }

    static Set<String> events() {
        return SHAPES.keySet();
    }

    static Kind kindOf(String key) {
        if (NUMBERS.contains(key)) {
            return Kind.NUMBER;
        }
        return FLAGS.contains(key) ? Kind.FLAG : Kind.TEXT;
    }

    /**
     * The value in the form a typed detail is written: a canonical integer or true/false. Empty for
     * text, and for a value that is not of its kind (the writer then quotes it; the reader rejects it).
     */
    static Optional<String> typed(String key, String value) {
        return switch (kindOf(key)) {
            case NUMBER -> isInteger(value) ? Optional.of(value) : Optional.empty();
            case FLAG -> value.equals("true") || value.equals("false") ? Optional.of(value) : Optional.empty();
            case TEXT -> Optional.empty();
        };
    }

    private static boolean isInteger(String value) {
        try {
            return Long.toString(Long.parseLong(value)).equals(value);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
