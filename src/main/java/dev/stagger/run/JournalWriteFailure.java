package dev.stagger.run;

/**
 * The journal could not record an event (disk full, read-only file system, I/O error, a failed
 * fsync). Unlike a {@link RunFailure} it says nothing about the cluster: it means the run can no
 * longer keep its promise that everything it does is on disk first, so it must stop doing things.
 */
public final class JournalWriteFailure extends RuntimeException {
    private final String path;
    private final String reason;

    /**
     * @param path   the journal's path, as the person gave it or as the default resolved
     * @param reason the operating system's message ("No space left on device")
     */
    public JournalWriteFailure(String path, String reason, Throwable cause) {
        super("cannot write the journal " + path + ": " + reason, cause);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
