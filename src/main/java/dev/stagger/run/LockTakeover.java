package dev.stagger.run;

import java.time.Instant;

/**
 * What a starting run does about a lock that another run holds: refuse (exit 1, naming the holder,
 * how long its lock has left, and the one flag that gets past it), or take it over and say why.
 * {@code --resume} on the holder's own host takes over a lock whose process is provably gone;
 * anything else (another host, a live process, a fresh run) takes {@code --break-lock}.
 *
 * @param journal  the absolute path of this run's journal
 * @param resume   {@code --resume} was given
 * @param breakLock {@code --break-lock} was given
 */
record LockTakeover(String cluster, String where, Instant now, String thisHost, LockOwner.Liveness liveness,
                    String journal, boolean resume, boolean breakLock) {

    /** @param take whether to replace the holder's lock; {@code message} says why, or why not and what to do */
    record Decision(boolean take, String message) {
    }

    Decision decide(LockOwner holder) {
        String whose = holder.isUnreadable() ? "an unreadable lock record" : "the lock of " + holder.describe(now);
        if (holder.expired(now)) {
            return new Decision(true, whose + " " + holder.expiryText(now) + " (its run stopped renewing it): taking it");
        }
        boolean dead = !holder.isUnreadable() && holder.deadOn(thisHost, liveness);
        boolean sameJournal = holder.journal() == null || holder.journal().equals(journal);
        if (breakLock) {
            return new Decision(true, "--break-lock: breaking " + whose
                    + (dead ? " (its process is gone)" : holder.host().equals(thisHost) || holder.isUnreadable() ? ""
                    : "; if that run is still alive it finds its lock gone at its next heartbeat and stops at a safe point"));
        }
        if (dead && resume && sameJournal) {
            return new Decision(true, "taking over the lock of the run that died: " + holder.describe(now)
                    + "; pid " + holder.pid() + " is gone on this host");
        }
        return new Decision(false, refusal(holder, dead, sameJournal));
    }

    private String refusal(LockOwner holder, boolean dead, boolean sameJournal) {
        String head = "another run holds the lock on cluster " + cluster + ": "
                + (holder.isUnreadable() ? "an unreadable record" : holder.describe(now))
                + "; the lock (" + where + ") " + holder.expiryText(now) + ". ";
        if (holder.isUnreadable()) {
            return head + "If you know that no run of this cluster is in progress, pass --break-lock";
        }
        String resumeIt = "stagger run PLAN --resume" + (holder.journal() == null ? "" : " --journal " + holder.journal());
        if (dead) {
            return head + "Its pid " + holder.pid() + " is gone on this host: continue that run with `" + resumeIt
                    + "` (it takes the lock over)" + (resume && !sameJournal ? ", not this journal " + journal : "")
                    + ", or, once you know the cluster is as this plan expects, pass --break-lock";
        }
        if (holder.host().equals(thisHost)) {
            return head + "It is still running on this host: wait for it to finish (Ctrl-C stops it at a safe point); "
                    + "two runs on one cluster must never overlap";
        }
        return head + "stagger cannot see whether pid " + holder.pid() + " is alive on " + holder.host()
                + ": wait for that run to finish, or, if you know it is dead, pass --break-lock"
                + (resume ? " together with --resume" : "");
    }
}
