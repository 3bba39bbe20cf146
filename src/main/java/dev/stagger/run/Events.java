package dev.stagger.run;

/** The journal's event names: one vocabulary for the writer (executor) and the reader (resume). */
final class Events {
    static final String RUN_STARTED = "run-started";
    static final String RUN_DONE = "run-done";
    static final String RUN_HALTED = "run-halted";
    static final String RUN_FAILED = "run-failed";
    static final String RUN_CANCELLED = "run-cancelled";
    static final String STEP_STARTED = "step-started";
    static final String STEP_DONE = "step-done";
    static final String STEP_ABANDONED = "step-abandoned";
    static final String STEP_FAILED = "step-failed";
    static final String GATE_BLOCKED = "gate-blocked";
    static final String GATE_PASSED = "gate-passed";
    static final String PHASE_STARTED = "phase-started";
    static final String PHASE_DONE = "phase-done";
    static final String HOOK_STARTED = "hook-started";
    static final String HOOK_OUTPUT = "hook-output";
    static final String HOOK_DONE = "hook-done";
    /** stagger ended a hook's process group: its hook_timeout passed, or a second Ctrl-C. */
    static final String HOOK_ENDED = "hook-ended";
    static final String OPERATOR = "operator";
    /** The replica a failover promotes, journaled before it starts so a resume checks the same one. */
    static final String FAILOVER_TARGET = "failover-target";
    /** One thing a failover did to the cluster (priority set, command sent, restored). */
    static final String FAILOVER_ACTION = "failover-action";
    /**
     * The apps that require a group a step touched: which were healthy before it ({@code when: before}),
     * and whether they were healthy again after it or at the end of the run ({@code result}).
     */
    static final String APPS_CHECKED = "apps-checked";
    /**
     * A failover whose new master refused writes was undone: {@code from} the refusing master {@code to}
     * the old one, {@code result} verified or failed. A resumed run starts that step afresh, gate first.
     */
    static final String FAILED_BACK = "failed-back";

    private Events() {
    }
}
