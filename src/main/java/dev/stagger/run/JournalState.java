package dev.stagger.run;

import dev.stagger.model.Endpoint;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a journal says about the latest run of a plan: which steps completed (never repeated on
 * {@code --resume}), which were in progress and how far each got. A journal can hold several runs;
 * only the events since the last fresh (non-resume) start count.
 */
public final class JournalState {
    /** How far one step got. */
    public static final class StepProgress {
        private final Set<Phase> phasesDone = new LinkedHashSet<>();
        private final Set<String> hooksDone = new LinkedHashSet<>();
        private final Map<String, Long> hookPids = new HashMap<>();
        private Phase lastPhaseStarted;
        private Endpoint failoverTarget;

        public boolean phaseDone(Phase p) {
            return phasesDone.contains(p);
        }

        public boolean phaseStarted(Phase p) {
            return phaseDone(p) || p == lastPhaseStarted;
        }

        public boolean hookDone(Phase p, String target) {
            return hooksDone.contains(p.label() + " " + target);
        }

        /** The pid of a hook that started but never finished (the run was killed under it). */
        public Optional<Long> unfinishedHookPid(Phase p, String target) {
            return hookDone(p, target) ? Optional.empty() : Optional.ofNullable(hookPids.get(p.label() + " " + target));
        }

        /** The replica the interrupted failover was promoting, when it got as far as choosing one. */
        public Optional<Endpoint> failoverTarget() {
            return Optional.ofNullable(failoverTarget);
        }

        public Optional<Phase> lastPhaseStarted() {
            return Optional.ofNullable(lastPhaseStarted);
        }

        /** True once anything was (or may have been) taken down or moved: the step must be finished, not redone. */
        public boolean touchedCluster() {
            return lastPhaseStarted != null;
        }
    }

    private final String planHash;
    private final String planName;
    private final boolean finished;
    private final Set<String> completed;
    private final Map<String, StepProgress> inProgress;
    private final JournalEvent lastStop;

    private JournalState(String planHash, String planName, boolean finished, Set<String> completed,
                         Map<String, StepProgress> inProgress, JournalEvent lastStop) {
        this.planHash = planHash;
        this.planName = planName;
        this.finished = finished;
        this.completed = Collections.unmodifiableSet(completed);
        this.inProgress = Collections.unmodifiableMap(inProgress);
        this.lastStop = lastStop;
    }

    /** The state of a run that has not started: nothing done. */
    public static JournalState fresh() {
        return new JournalState(null, null, false, new LinkedHashSet<>(), new LinkedHashMap<>(), null);
    }

    /**
     * Reads the journal at {@code path} for a run of {@code plan}: checks every line against the
     * plan (exit 2 listing every error, {@code path:line:col: error: ...}) and replays it. No file
     * is a fresh state.
     */
    public static JournalState read(Path path, Plan plan) {
        JournalCheck.Result checked = JournalCheck.check(path.toString(), FileJournal.lines(path), plan);
        if (!checked.errors().isEmpty()) {
            throw StaggerException.badInput(checked.errors());
        }
        return replay(checked.events());
    }

    /** The state the events describe, trusted as they are (see {@link #read} for a journal on disk). */
    public static JournalState replay(List<JournalEvent> events) {
        int start = -1;
        for (int i = 0; i < events.size(); i++) {
            JournalEvent e = events.get(i);
            if (e.event().equals(Events.RUN_STARTED) && !e.flag("resume")) {
                start = i;
            }
        }
        if (start < 0) {
            return fresh();
        }
        JournalEvent first = events.get(start);
        Set<String> completed = new LinkedHashSet<>();
        Map<String, StepProgress> progress = new LinkedHashMap<>();
        boolean finished = false;
        JournalEvent lastStop = null;
        for (JournalEvent e : new ArrayList<>(events.subList(start, events.size()))) {
            String step = e.step();
            switch (e.event()) {
                case Events.STEP_DONE -> {
                    completed.add(step);
                    progress.remove(step);
                }
                case Events.STEP_STARTED -> progress.computeIfAbsent(step, s -> new StepProgress());
                case Events.PHASE_STARTED -> progress.computeIfAbsent(step, s -> new StepProgress())
                        .lastPhaseStarted = Phase.ofLabel(e.detail("phase"));
                case Events.PHASE_DONE -> progress.computeIfAbsent(step, s -> new StepProgress())
                        .phasesDone.add(Phase.ofLabel(e.detail("phase")));
                case Events.HOOK_STARTED -> {
                    e.number("pid").ifPresent(pid -> progress.computeIfAbsent(step, s -> new StepProgress())
                            .hookPids.put(e.detail("phase") + " " + e.detail("target"), pid));
                }
                case Events.HOOK_DONE -> progress.computeIfAbsent(step, s -> new StepProgress())
                        .hooksDone.add(e.detail("phase") + " " + e.detail("target"));
                case Events.FAILOVER_TARGET -> progress.computeIfAbsent(step, s -> new StepProgress())
                        .failoverTarget = parseEndpoint(e.detail("target"));
                case Events.STEP_ABANDONED -> progress.remove(step);
                // The move was undone (or undoing it failed): not half-done, so not finished blindly on
                // resume; the step starts afresh and its gate judges the cluster as it is then.
                case Events.FAILED_BACK -> progress.remove(step);
                case Events.RUN_DONE -> finished = true;
                case Events.RUN_HALTED, Events.RUN_FAILED, Events.RUN_CANCELLED -> lastStop = e;
                default -> {
                    // gate and output events say what happened; they do not change where to resume
                }
            }
        }
        return new JournalState(first.detail("plan_hash"), first.detail("plan"), finished, completed, progress, lastStop);
    }

    private static Endpoint parseEndpoint(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        return Endpoint.of(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    /** Refuses, exit 2, to resume a journal written for a different plan. */
    public void requireSamePlan(String currentHash, String journalPath) {
        if (planHash != null && !planHash.equals(currentHash)) {
            throw new StaggerException(ExitCode.BAD_INPUT,
                    "the plan changed since the run recorded in " + journalPath + " started (" + planName
                            + ": " + planHash + ", now " + currentHash + "); resuming could repeat or skip work. "
                            + "Restore the plan as it was to resume, or start a fresh run with another --journal "
                            + "once the cluster is in the state the new plan expects");
        }
    }

    public boolean isEmpty() {
        return planHash == null;
    }

    public boolean finished() {
        return finished;
    }

    public Set<String> completed() {
        return completed;
    }

    public Map<String, StepProgress> inProgress() {
        return inProgress;
    }

    public StepProgress progressOf(String step) {
        return inProgress.get(step);
    }

    public Optional<JournalEvent> lastStop() {
        return Optional.ofNullable(lastStop);
    }

    public String planHash() {
        return planHash;
    }
}
