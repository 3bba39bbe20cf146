package dev.stagger.run;

import dev.stagger.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs {@code down}, {@code do} and {@code up} hooks. */
public interface HookRunner {
    /**
     * Runs the command to completion, or until its {@code hook_timeout} or {@link #endAll} ends it.
     *
     * @throws RunFailure when it cannot start, exits non-zero or was ended: the message names the
     *                    command, what happened and its last lines of output (secrets redacted)
     */
    void run(HookCall call, Listener listener);

    /** A hook running now, for the acknowledgement of a Ctrl-C. */
    record Running(HookCall call, long pid, long startedNanos) {
        public Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startedNanos);
        }
    }

    /** The hooks running now, oldest first. */
    default List<Running> running() {
        return List.of();
    }

    /**
     * Ends every running hook's process group (TERM, then KILL after the grace) and returns once they
     * are gone; each ended hook's {@link #run} fails saying {@code why}.
     *
     * @return the hooks it ended
     */
    default List<HookCall> endAll(String why) {
        return List.of();
    }

    /** The phase of the last hook that finished (exit 0) for this step and target, if any. */
    default Optional<Phase> lastFinished(String step, Target target) {
        return Optional.empty();
    }

    /** What the runner reports while a hook runs. */
    interface Listener {
        /** The hook's process started (its pid goes to the journal: a resumed run waits for a survivor). */
        void started(long pid);

        /**
         * Lines the hook printed (stdout and stderr together), each ending in a newline, secrets
         * already redacted, long ones cut. The text is reused once the call returns: copy what you keep.
         */
        void output(CharSequence lines);

        /** Called every poll while the hook runs, so progress can say how long it has been running. */
        void running(Duration elapsed);

        /** The hook's output is over: the tail the journal keeps and how much there was. */
        default void outputDone(HookOutput.Summary summary) {
        }

        /** stagger ended the hook's process group ({@code why}: its timeout, a second Ctrl-C); {@code how}: the signals. */
        default void ended(String why, String how) {
        }
    }
}
