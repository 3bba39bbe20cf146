package dev.stagger.run;

import java.time.Duration;

/**
 * What the run tells the person watching it. Waits report on every poll; a listener decides how
 * often to print, but must print at least every few seconds so a run never looks hung.
 */
public interface ProgressListener {
    void stepStarted(StepLabel step, String summary);

    /**
     * @param what      what the step waits for, e.g. {@code app1 ready (min_ready 30s)}
     * @param remaining how much longer at most, or null when the wait has no limit (a hook runs until it exits)
     */
    void waiting(StepLabel step, String what, java.time.Duration elapsed, Duration remaining);

    /** Operator mode: something a person must do now. */
    void instruct(StepLabel step, String instruction);

    /** An action taken or a fact worth a line: a hook started, a gate passed. */
    void note(StepLabel step, String message);

    void stepDone(StepLabel step, Duration took);

    /**
     * Lines a hook printed, streamed as they come: each ends in a newline and is already redacted and
     * cut to 4 KiB. The text is reused after the call: print or copy it, do not keep it.
     *
     * @param source which hook: target and phase, e.g. {@code app1 do}
     */
    void hookOutput(StepLabel step, String source, CharSequence lines);

    /** A line about the run as a whole (halted, failed, cancelled, how to resume). */
    void run(String message);

    ProgressListener SILENT = new ProgressListener() {
        public void stepStarted(StepLabel step, String summary) {
        }

        public void waiting(StepLabel step, String what, Duration elapsed, Duration remaining) {
        }

        public void instruct(StepLabel step, String instruction) {
        }

        public void note(StepLabel step, String message) {
        }

        public void stepDone(StepLabel step, Duration took) {
        }

        public void hookOutput(StepLabel step, String source, CharSequence lines) {
        }

        public void run(String message) {
        }
    };
}
