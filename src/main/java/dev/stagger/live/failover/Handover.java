package dev.stagger.live.failover;

/**
 * Whether the target holds every write the old master accepted before its writes were paused, read
 * from the target's {@code INFO replication}: as a replica from its processed offset, and once
 * promoted from the offset at which it stopped replicating ({@code second_repl_offset - 1}, with
 * {@code master_replid2} the old master's replication id). The old master's offset is read after the
 * pause took effect, so it no longer moves.
 */
final class Handover {
    /** What the target's INFO says about the writes of the paused master. */
    enum State {
        /** A replica still short of the paused master's offset. */
        BEHIND,
        /** A replica holding every write: its promotion now loses nothing. */
        CAUGHT_UP,
        /** Promoted with every write of the old master. */
        PROMOTED,
        /** Promoted before it had every write: the missing bytes are lost. */
        PROMOTED_SHORT
    }

    /** The verdict and, for {@link State#PROMOTED_SHORT} and {@link State#BEHIND}, the bytes missing. */
    record Verdict(State state, long missingBytes) {
        boolean promoted() {
            return state == State.PROMOTED || state == State.PROMOTED_SHORT;
        }
    }

    private Handover() {
    }

    /**
     * @param pausedOffset the old master's {@code master_repl_offset}, read while its writes are paused
     * @param masterReplid the old master's {@code master_replid}
     */
    static Verdict judge(ReplicationInfo target, long pausedOffset, String masterReplid) {
        if (!target.isMaster()) {
            long behind = pausedOffset - target.replicaOffset();
            return behind <= 0 ? new Verdict(State.CAUGHT_UP, 0) : new Verdict(State.BEHIND, behind);
        }
        String replid2 = target.get("master_replid2");
        String second = target.get("second_repl_offset");
        if (!masterReplid.equals(replid2) || second == null) {
            // Not promoted from this master's history (or it lost it): nothing proves a write survived.
            return new Verdict(State.PROMOTED_SHORT, pausedOffset);
        }
        long heldAtPromotion = Long.parseLong(second) - 1;
        long missing = pausedOffset - heldAtPromotion;
        return missing <= 0 ? new Verdict(State.PROMOTED, 0) : new Verdict(State.PROMOTED_SHORT, missing);
    }
}
