package dev.stagger.run;

import java.util.Optional;

/**
 * Where a cluster's run lock lives and the few atomic operations on it: a key in one of the
 * cluster's own Redis groups (so every run of the cluster sees it, from any machine), or a file.
 * What to do with them (refuse, take over, renew, stop) is {@link ClusterLock}'s job; a store only
 * says what is there and changes it atomically. Every operation may throw {@link Unavailable}.
 */
public interface LockStore {
    /** For messages: {@code the Redis key stagger:lock:{lab} in cache (master app1:6379)}. */
    String where();

    /**
     * Takes the lock if nobody holds it. The record is stored with the next fencing token and, in
     * Redis, acknowledged by a replica before this returns.
     *
     * @return the record as stored, or empty when someone holds the lock
     */
    Optional<LockOwner> tryTake(LockOwner me);

    /** Who holds the lock now; empty when nobody does. An unreadable record is reported, never ignored. */
    Optional<LockOwner> read();

    /**
     * Replaces the lock of {@code holder} (the same token) by {@code me}: breaking or taking it over.
     *
     * @return the record as stored, or empty when the lock changed since {@code holder} was read
     */
    Optional<LockOwner> replace(LockOwner holder, LockOwner me);

    /** Extends our lock to {@code renewed.expires()}; false when it is no longer ours (gone or someone else's). */
    boolean renew(LockOwner renewed);

    /** Removes the lock if it is still ours. */
    void release(LockOwner me);

    /** The store could not be read or written (Redis unreachable, a read-only disk); the message says which and why. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
