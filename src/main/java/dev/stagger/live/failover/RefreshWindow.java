package dev.stagger.live.failover;

/**
 * When to send {@code SENTINEL FAILOVER} so that the sentinel learns of the promotion at once.
 *
 * <p>A sentinel names the new master only after an {@code INFO} from the promoted replica says
 * {@code role:master}. While a failover is in progress it sends that INFO once the previous one is
 * more than 1000 ms old ({@code info-refresh} in {@code SENTINEL REPLICAS}), on its timer ticks
 * (every 50-100 ms). The promotion ({@code SLAVEOF NO ONE}) goes out on the third tick after
 * {@code SENTINEL FAILOVER}, 100-300 ms later. Started when the target's INFO is about 700 ms old,
 * the INFO falls due on the promotion's tick or just after it; started at a random moment, it falls
 * due at a random point of the next second (a bare failover's typical extra wait), or even just
 * before the promotion, which wastes a whole second.
 *
 * <p>A sentinel whose INFO period is shorter than the window (tuned, or the test lab's) never
 * shows an age of 700 ms: after one full period is seen, the window moves to the end of that period,
 * the latest moment it can offer.
 *
 * <p>Only availability depends on this: a start at the wrong moment costs up to a second of write
 * unavailability (a bare failover's), never a write.
 */
final class RefreshWindow {
    /** The INFO age at which to start, in milliseconds. */
    static final long START_AGE_MS = 700;
    /** How late in the window a start still counts as timed. */
    static final long WIDTH_MS = 100;

    private long lastAge = -1;
    private long cycleMax;
    /** The shortest full INFO period seen, when shorter than the start age; -1 until then. */
    private long shortPeriod = -1;

    /**
     * Feeds one observed age of the target's INFO.
     *
     * @return true when this is a good moment to start the failover
     */
    boolean isOpen(long ageMs) {
        if (lastAge >= 0 && ageMs < lastAge) {
            // The sentinel refreshed its INFO: one full period ended at cycleMax.
            if (cycleMax < START_AGE_MS) {
                shortPeriod = shortPeriod < 0 ? cycleMax : Math.min(shortPeriod, cycleMax);
            }
            cycleMax = 0;
        }
        lastAge = ageMs;
        cycleMax = Math.max(cycleMax, ageMs);
        long from = opensAt();
        return ageMs >= from && ageMs <= from + WIDTH_MS;
    }

    /** The age at which the window opens now. */
    long opensAt() {
        return shortPeriod < 0 ? START_AGE_MS : Math.max(0, shortPeriod - WIDTH_MS);
    }
}
