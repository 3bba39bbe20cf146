package dev.stagger.model;

/** The one table of exit codes, shared by every command. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int UNSAFE = 1;
    public static final int BAD_INPUT = 2;
    public static final int RUN_FAILED = 3;
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
