package dev.stagger.run;

import java.util.ArrayList;
import java.util.List;

/** Where the run records every event, so a killed run can be resumed and a person can see what happened. */
public interface Journal {
    /** Records the event durably before returning. */
    void append(JournalEvent event);

    /**
     * Throws the {@link JournalWriteFailure} of an earlier append, if one failed: a step that is only
     * waiting (for instances to go down or become ready) calls it between probes, so it stops there
     * rather than waiting out its timeout for a record it cannot write.
     */
    default void failIfBroken() {
    }

    /** A journal kept in memory: for {@code --dry-run}, which must not touch the real one, and for tests. */
    static InMemory inMemory() {
        return new InMemory();
    }

    final class InMemory implements Journal {
        private final List<JournalEvent> events = new ArrayList<>();

        @Override
        public synchronized void append(JournalEvent event) {
            events.add(event);
        }

        public synchronized List<JournalEvent> events() {
            return List.copyOf(events);
        }
    }
}
