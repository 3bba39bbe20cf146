package dev.stagger.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The executor's view of its journal: after the first write that fails, every later append fails
 * the same way without touching the file, so the journal stays a clean prefix of what happened
 * (never a record with a hole in it) and the run stops at the next thing it would record. It also
 * remembers how far each step got, to say what the failure left down.
 */
final class HaltingJournal implements Journal {
    private final Journal journal;
    private JournalWriteFailure failure;
    private boolean runStarted;
    /** The last phase each step in progress recorded starting. */
    private final Map<String, Phase> phases = new LinkedHashMap<>();
    /** Steps whose down phase began acting: a down hook started, or the operator was told to stop. */
    private final Set<String> takingDown = new LinkedHashSet<>();
    /** Hooks that started (recorded or not) and whose end is not recorded. */
    private final Set<HookKey> unrecordedHooks = new LinkedHashSet<>();

    /** A hook of one step, phase and target. */
    record HookKey(String step, Phase phase, String target) {
    }

    HaltingJournal(Journal journal) {
        this.journal = journal;
    }

    @Override
    public synchronized void append(JournalEvent event) {
        if (event.event().equals(Events.HOOK_STARTED)) {
            // Called once the hook process runs, so it runs whether or not this line is written.
            hookKey(event).ifPresent(h -> {
                unrecordedHooks.add(h);
                if (h.phase() == Phase.DOWN) {
                    takingDown.add(h.step());
                }
            });
        }
        if (failure != null) {
            throw failure;
        }
        try {
            journal.append(event);
        } catch (JournalWriteFailure e) {
            failure = e;
            throw e;
        }
        recorded(event);
    }

    private void recorded(JournalEvent event) {
        switch (event.event()) {
            case Events.RUN_STARTED -> runStarted = true;
            case Events.PHASE_STARTED -> phaseOf(event).ifPresent(p -> phases.put(event.step(), p));
            case Events.STEP_DONE, Events.STEP_ABANDONED -> {
                phases.remove(event.step());
                unrecordedHooks.removeIf(h -> h.step().equals(event.step()));
            }
            case Events.HOOK_DONE -> hookKey(event).ifPresent(unrecordedHooks::remove);
            case Events.OPERATOR -> phaseOf(event).filter(p -> p == Phase.DOWN).ifPresent(p -> takingDown.add(event.step()));
            default -> {
                // the rest does not change what is down
            }
        }
    }

    private static Optional<Phase> phaseOf(JournalEvent e) {
        try {
            return Optional.of(Phase.ofLabel(e.detail("phase")));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static Optional<HookKey> hookKey(JournalEvent e) {
        return phaseOf(e).map(p -> new HookKey(e.step(), p, e.detail("target")));
    }

    @Override
    public synchronized void failIfBroken() {
        if (failure != null) {
            throw failure;
        }
    }

    synchronized boolean failed() {
        return failure != null;
    }

    synchronized Optional<JournalWriteFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** False while even the run's first line could not be written: then nothing was done. */
    synchronized boolean runStarted() {
        return runStarted;
    }

    /** Steps that recorded starting a phase and did not record their end, with that phase. */
    synchronized Map<String, Phase> phasesInProgress() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /**
     * Whether the step's down phase, started in this run, took anything down yet: false when the
     * write that failed came before its first down hook or before the operator was told to stop.
     */
    synchronized boolean tookDown(String step) {
        return takingDown.contains(step);
    }

    synchronized List<HookKey> unrecordedHooks() {
        return List.copyOf(unrecordedHooks);
    }
}
