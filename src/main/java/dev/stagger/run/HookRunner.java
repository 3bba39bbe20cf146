package dev.stagger.run;

import java.time.Duration;

/** Runs {@code down}, {@code do} and {@code up} hooks. */
public interface HookRunner {
    /**
     * Runs the command to completion.
     *
     * @throws RunFailure when it cannot start or exits non-zero: the message names the command, its
     *                    exit code and its last lines of output (secrets redacted)
     */
    void run(HookCall call, Listener listener);

    /** What the runner reports while a hook runs. */
    interface Listener {
        /** The hook's process started (its pid goes to the journal: a resumed run waits for a survivor). */
        void started(long pid);

        /** One line of the hook's output (stdout and stderr together), secrets already redacted. */
        void output(String line);

        /** Called every poll while the hook runs, so progress can say how long it has been running. */
        void running(Duration elapsed);
    }
}
