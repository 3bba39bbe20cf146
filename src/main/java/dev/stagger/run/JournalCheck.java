package dev.stagger.run;

import dev.stagger.load.Suggest;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Plan;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.model.Target;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a journal against the plan about to run before {@code --resume} trusts it: every line is
 * an event stagger writes, with the details it needs, about a step and phase of this plan. A line
 * that is not is an error at its line and column, never skipped: a resume that ignored it could
 * repeat or skip work. Every error of the journal is reported in one pass, as the loaders do.
 *
 * <p>The journal may hold earlier runs of older versions of the plan (the default journal is one per
 * plan name): those are checked as events, not against today's steps. Runs of another plan are errors.
 */
final class JournalCheck {
    /** Past this many, more lines help nobody. */
    static final int MAX = 200;

    /** The events of the journal, and its errors (empty when it can be trusted). */
    record Result(List<JournalEvent> events, List<Diagnostic> errors) {
    }

    private final String path;
    private final Plan plan;
    private final String planHash;
    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<JournalEvent> events = new ArrayList<>();
    /** The current run's record: its first line, and whether its events are checked against this plan's steps. */
    private int runLine = -1;
    private String runHash;
    private boolean thisPlan;

    private JournalCheck(String path, Plan plan) {
        this.path = path;
        this.plan = plan;
        this.planHash = PlanHash.of(plan);
    }

    static Result check(String path, List<FileJournal.Line> lines, Plan plan) {
        JournalCheck c = new JournalCheck(path, plan);
        for (int i = 0; i < lines.size(); i++) {
            c.line(lines.get(i), i == lines.size() - 1);
        }
        return new Result(List.copyOf(c.events), c.capped());
    }

    private List<Diagnostic> capped() {
        if (errors.size() <= MAX) {
            return List.copyOf(errors);
        }
        List<Diagnostic> out = new ArrayList<>(errors.subList(0, MAX));
        out.add(Diagnostic.inputError(errors.get(MAX).position(), "too many errors; only the first " + MAX + " are shown"));
        return out;
    }

    private void line(FileJournal.Line line, boolean last) {
        Map<String, JsonLine.Field> fields;
        try {
            fields = JsonLine.parse(line.text());
        } catch (JsonLine.Malformed e) {
            // A run killed mid-write can leave a last line that is not whole: it was never acknowledged.
            if (!last) {
                error(line, e.column(), "not a journal line: " + e.getMessage());
            }
            return;
        }
        int before = errors.size();
        JsonLine.Field event = fields.get("event");
        if (event == null || !event.quoted()) {
            error(line, event == null ? 1 : event.column(), "a journal line needs \"event\", a string");
            return;
        }
        JournalSchema.Shape shape = JournalSchema.of(event.value()).orElse(null);
        if (shape == null) {
            error(line, event.column(), Suggest.unknown("event", event.value(), JournalSchema.events()));
            return;
        }
        checkTime(line, fields.get("time"));
        checkShape(line, event.value(), shape, fields);
        checkValues(line, event.value(), fields);
        if (errors.size() > before) {
            return;
        }
        JournalEvent e = JsonLine.toEvent(fields);
        if (e.event().equals(Events.RUN_STARTED)) {
            runStarted(line, e, fields);
        } else if (runLine < 0) {
            error(line, event.column(), "`" + e.event() + "` before any run-started: this is not the start of a journal"
                    + " stagger wrote");
        } else if (thisPlan && e.step() != null) {
            checkStep(line, e, fields);
        }
        events.add(e);
    }

    private void checkTime(FileJournal.Line line, JsonLine.Field time) {
        if (time == null || !time.quoted()) {
            error(line, time == null ? 1 : time.column(), "a journal line needs \"time\", an instant like 2025-03-01T10:15:30Z");
            return;
        }
        try {
            Instant.parse(time.value());
        } catch (DateTimeParseException e) {
            error(line, time.column(), "bad time `" + time.value() + "`; expected an instant like 2025-03-01T10:15:30Z");
        }
    }

    private void checkShape(FileJournal.Line line, String event, JournalSchema.Shape shape, Map<String, JsonLine.Field> fields) {
        JsonLine.Field step = fields.get("step");
        if (shape.step() == JournalSchema.StepRule.REQUIRED && step == null) {
            error(line, 1, "`" + event + "` needs \"step\": the step it is about");
        } else if (shape.step() == JournalSchema.StepRule.NONE && step != null) {
            error(line, step.column(), "`" + event + "` is about the whole run; it has no \"step\"");
        }
        List<String> missing = shape.required().stream().filter(k -> !fields.containsKey(k)).toList();
        if (!missing.isEmpty()) {
            error(line, 1, "`" + event + "` needs " + String.join(" and ", missing.stream().map(k -> "\"" + k + "\"").toList()));
        }
    }

    private void checkValues(FileJournal.Line line, String event, Map<String, JsonLine.Field> fields) {
        for (Map.Entry<String, JsonLine.Field> f : fields.entrySet()) {
            String key = f.getKey();
            JsonLine.Field v = f.getValue();
            JournalSchema.Kind kind = JournalSchema.kindOf(key);
            if (kind == JournalSchema.Kind.TEXT && !v.quoted()) {
                error(line, v.column(), "\"" + key + "\" must be a string, not " + v.value());
            } else if (kind != JournalSchema.Kind.TEXT && JournalSchema.typed(key, v.value()).isEmpty()) {
                // Older journals wrote "123" and "true": quoted is fine, as long as it is of its kind.
                error(line, v.column(), "\"" + key + "\" must be " + (kind == JournalSchema.Kind.NUMBER
                        ? "a whole number" : "true or false") + ", not " + (v.quoted() ? "`" + v.value() + "`" : v.value()));
            }
        }
        JsonLine.Field phase = fields.get("phase");
        if (phase != null && phase.quoted() && !knownPhase(event, phase.value())) {
            List<String> labels = Arrays.stream(Phase.values()).map(Phase::label).toList();
            error(line, phase.column(), Suggest.unknown("phase", phase.value(), labels));
        }
    }

    /** Versions before 2026-12 wrote phase "unknown" when a step failed outside its phases. */
    private static boolean knownPhase(String event, String label) {
        if (label.equals("unknown") && (event.equals(Events.STEP_FAILED) || event.equals(Events.RUN_FAILED))) {
            return true;
        }
        return Arrays.stream(Phase.values()).anyMatch(p -> p.label().equals(label));
    }

    private void runStarted(FileJournal.Line line, JournalEvent e, Map<String, JsonLine.Field> fields) {
        String name = e.detail("plan");
        String hash = e.detail("plan_hash");
        if (!name.equals(plan.name())) {
            error(line, fields.get("plan").column(), "this journal records a run of plan `" + name + "`, not `"
                    + plan.name() + "`: it is another plan's journal",
                    "resume it with its own plan, or pass --journal with this plan's journal (or a new file to start over)");
            runLine = line.number();
            runHash = hash;
            thisPlan = false;
            return;
        }
        if (e.flag("resume") && runLine >= 0) {
            // A resume continues the run before it, which must be of the same version of the plan.
            if (!hash.equals(runHash)) {
                error(line, fields.get("plan_hash").column(), "this resumed run is of plan version " + hash
                        + ", but the run it continues (line " + runLine + ") is of version " + runHash
                        + ": records of two versions of the plan are mixed", null);
            }
            return;
        }
        if (e.flag("resume")) {
            error(line, fields.get("event").column(), "a resumed run-started with no run before it to resume", null);
        }
        runLine = line.number();
        runHash = hash;
        // An earlier run of an older version of the plan is history, not checked against today's steps;
        // resuming one is refused separately (JournalState.requireSamePlan).
        thisPlan = hash.equals(planHash);
    }

    private void checkStep(FileJournal.Line line, JournalEvent e, Map<String, JsonLine.Field> fields) {
        Optional<Step> found = plan.step(e.step());
        if (found.isEmpty()) {
            List<String> ids = plan.steps().stream().map(Step::id).toList();
            error(line, fields.get("step").column(), Suggest.unknown("step", e.step(), ids));
            return;
        }
        Step step = found.get();
        JsonLine.Field phaseField = fields.get("phase");
        if (phaseField != null && !phaseField.value().equals("unknown")) {
            List<String> phases = Phase.of(step.action()).stream().map(Phase::label).toList();
            if (!phases.contains(phaseField.value())) {
                error(line, phaseField.column(), "step `" + step.id() + "` (" + step.action().keyword() + ") has no phase `"
                        + phaseField.value() + "`; its phases: " + String.join(", ", phases));
            }
        }
        JsonLine.Field target = fields.get("target");
        if (target == null) {
            return;
        }
        if (e.event().equals(Events.FAILOVER_TARGET)) {
            if (!target.value().matches(".+:[0-9]{1,5}")) {
                error(line, target.column(), "\"target\" of a failover must be host:port, not `" + target.value() + "`");
            }
            return;
        }
        List<String> targets = step.targets().stream().map(Target::toString).toList();
        if (!targets.contains(target.value())) {
            error(line, target.column(), "step `" + step.id() + "` has no target `" + target.value() + "`; its targets: "
                    + String.join(", ", targets));
        }
    }

    private void error(FileJournal.Line line, int column, String message) {
        error(line, column, message, null);
    }

    private void error(FileJournal.Line line, int column, String message, String fix) {
        errors.add(new Diagnostic(new Position(path, line.number(), column), Severity.ERROR, Diagnostic.INPUT,
                List.of(), null, message, fix));
    }
}
