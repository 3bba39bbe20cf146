package dev.stagger.run;

import java.time.Duration;
import java.time.Instant;

/**
 * Who holds a cluster's run lock, as stored in the lock itself (one flat JSON object, readable with
 * {@code redis-cli GET} or {@code cat}). {@code expires} moves forward with every heartbeat;
 * {@code token} tells the holder whether the stored lock is still its own; {@code fence} grows with
 * every acquisition of the cluster's lock, so a later holder always has a larger one.
 *
 * @param journal the absolute path of the run's journal: where {@code --resume} continues it
 * @param workdir the directory the run was started in
 */
public record LockOwner(String user, String host, long pid, String plan, Instant since, Instant expires, String token,
                        long fence, String journal, String workdir) {

    /** How a run checks that a process on this host is still the one that took the lock. */
    @FunctionalInterface
    public interface Liveness {
        boolean alive(long pid, Instant lockedSince);
    }

    /**
     * The pid is alive here and was started before the lock was taken (so it was not reused since);
     * a second of slack because the OS reports start times in clock ticks since boot.
     */
    public static final Liveness THIS_HOST = (pid, lockedSince) -> ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .map(p -> p.info().startInstant().map(start -> !start.isAfter(lockedSince.plusSeconds(1))).orElse(true))
            .orElse(false);

    /** A stored value that is not a lock record: nobody can tell whose it is. */
    public static LockOwner unreadable(Instant now, Instant expires) {
        return new LockOwner("?", "?", -1, "(an unreadable lock record)", now, expires, "", 0, null, null);
    }

    public boolean isUnreadable() {
        return token.isEmpty();
    }

    public boolean expired(Instant now) {
        return now.isAfter(expires);
    }

    /** The owner ran on this host and its process is gone: nobody will ever renew or release this lock. */
    public boolean deadOn(String thisHost, Liveness liveness) {
        return host.equals(thisHost) && !liveness.alive(pid, since);
    }

    /** {@code ops@h1 pid 4242, plan seed-000, since 12:01:02Z (3m05s ago), journal /srv/.stagger/lab-seed-000.journal}. */
    public String describe(Instant now) {
        return user + "@" + host + " pid " + pid + ", plan " + plan + ", since " + since
                + " (" + ConsoleProgress.human(Duration.between(since, now)) + " ago)"
                + (journal == null ? "" : ", journal " + journal);
    }

    /** {@code expires in 1m52s unless its run renews it}, or when it expired. */
    public String expiryText(Instant now) {
        return expired(now) ? "expired " + ConsoleProgress.human(Duration.between(expires, now)) + " ago"
                : "expires in " + ConsoleProgress.human(Duration.between(now, expires)) + " unless its run renews it";
    }

    public String toJson() {
        return JsonLine.encode(JournalEvent.of(since, "stagger-run-lock", null, "user", user, "host", host,
                "pid", Long.toString(pid), "plan", plan, "since", since.toString(), "expires", expires.toString(),
                "fence", Long.toString(fence), "journal", journal, "workdir", workdir, "token", token));
    }

    /** @throws IllegalArgumentException when the text is not a lock record */
    public static LockOwner fromJson(String text) {
        JournalEvent e = JsonLine.decode(text);
        try {
            String fence = e.detail("fence");
            return new LockOwner(e.detail("user"), e.detail("host"), Long.parseLong(e.detail("pid")), e.detail("plan"),
                    e.time(), Instant.parse(e.detail("expires")), e.detail("token"),
                    fence == null ? 0 : Long.parseLong(fence), e.detail("journal"), e.detail("workdir"));
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("not a stagger lock record: " + ex.getMessage(), ex);
        }
    }

    public LockOwner renewed(Instant newExpiry) {
        return new LockOwner(user, host, pid, plan, since, newExpiry, token, fence, journal, workdir);
    }

    /** The same owner under the fencing token its store just issued. */
    public LockOwner fenced(long newFence) {
        return new LockOwner(user, host, pid, plan, since, expires, token, newFence, journal, workdir);
    }
}
