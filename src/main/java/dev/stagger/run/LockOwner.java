package dev.stagger.run;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongPredicate;

/**
 * Who holds a cluster's run lock. {@code expires} moves forward with every heartbeat; {@code token}
 * tells the holder whether the lock on disk is still its own.
 */
public record LockOwner(String user, String host, long pid, String plan, Instant since, Instant expires, String token) {

    /**
     * Stale: the heartbeat stopped (expired), or the owner ran on this host and its pid is gone.
     *
     * @param pidAlive whether a pid is alive on this host
     */
    public boolean isStale(Instant now, String thisHost, LongPredicate pidAlive) {
        if (now.isAfter(expires)) {
            return true;
        }
        return host.equals(thisHost) && !pidAlive.test(pid);
    }

    public String describe(Instant now) {
        Duration age = Duration.between(since, now);
        return user + "@" + host + " pid " + pid + ", running plan " + plan + " since " + since
                + " (" + ConsoleProgress.human(age) + " ago), lock expires " + expires;
    }

    JournalEvent toEvent() {
        return JournalEvent.of(since, "lock", null, "user", user, "host", host, "pid", Long.toString(pid),
                "plan", plan, "expires", expires.toString(), "token", token);
    }

    static LockOwner fromEvent(JournalEvent e) {
        return new LockOwner(e.detail("user"), e.detail("host"), Long.parseLong(e.detail("pid")), e.detail("plan"),
                e.time(), Instant.parse(e.detail("expires")), e.detail("token"));
    }

    LockOwner renewed(Instant newExpiry) {
        return new LockOwner(user, host, pid, plan, since, newExpiry, token);
    }
}
