package dev.stagger.live.failover;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the moment and the way to switch, by watching the failing-over sentinel, with nothing
 * paused: it waits until the sentinel's INFO of the target is as old as {@link RefreshWindow} wants,
 * and measures how fast the sentinel answers on the way.
 */
final class SwitchTiming {
    /** How the switch is to be done. */
    enum Way {
        /** {@link TimedSwitch}, started inside the refresh window. */
        TIMED,
        /** {@link TimedSwitch}, started without the window (not seen in time): safe, a little slower. */
        UNTIMED,
        /** {@link PausedSwitch}: the sentinel answers too slowly to pause one tick ahead of it. */
        PAUSED_FIRST
    }

    /** At most one INFO period (10 s by default) and a window: the window comes once a period. */
    static final Duration MAX_WAIT = Duration.ofSeconds(12);
    private static final Duration POLL = Duration.ofMillis(5);
    /** The switch is chosen only after this many answers were timed ... */
    private static final int SAMPLE = 5;
    /** ... and this many slow ones among the last {@link #SAMPLE} make the sentinel too slow for the timed switch. */
    private static final int SLOW_OF_SAMPLE = 3;

    private final FailoverContext ctx;
    private final RedisLink sentinel;

    SwitchTiming(FailoverContext ctx, RedisLink sentinel) {
        this.ctx = ctx;
        this.sentinel = sentinel;
    }

    Way await(Topology t) {
        Duration timeout = ctx.settings.catchUpTimeout().compareTo(MAX_WAIT) < 0 ? ctx.settings.catchUpTimeout() : MAX_WAIT;
        RefreshWindow window = new RefreshWindow();
        AnswerTimes answers = new AnswerTimes();
        Waiter waiter = new Waiter(POLL, ctx::say);
        try {
            waiter.await("the INFO of " + ctx.target + " by sentinel " + sentinel + " to be about "
                    + RefreshWindow.START_AGE_MS + " ms old (so that the sentinel sees the promotion at once)", timeout, () -> {
                        long before = System.nanoTime();
                        Optional<Long> age = targetInfoAge(t);
                        answers.add(System.nanoTime() - before);
                        if (answers.tooSlow()) {
                            return null;
                        }
                        if (age.isEmpty()) {
                            return "sentinel " + sentinel + " does not list " + ctx.target;
                        }
                        boolean open = window.isOpen(age.get());
                        return open && answers.enough() ? null : "info-refresh " + age.get() + " ms, window opens at "
                                + window.opensAt() + " ms";
                    }, seen -> new WindowMissed());
        } catch (WindowMissed e) {
            ctx.say("starting without the refresh window (not seen within " + Waiter.seconds(timeout.toNanos())
                    + "): the sentinels may name the new master up to a second later");
            return Way.UNTIMED;
        }
        if (answers.tooSlow()) {
            ctx.say("sentinel " + sentinel + " answers in more than " + TimedSwitch.SLOW_POLL_NANOS / 1_000_000
                    + " ms: pausing writes before SENTINEL FAILOVER, the way that does not depend on its timing");
            return Way.PAUSED_FIRST;
        }
        return Way.TIMED;
    }

    /** How long the sentinel took to answer the last {@link #SAMPLE} polls. */
    private static final class AnswerTimes {
        private final java.util.ArrayDeque<Long> last = new java.util.ArrayDeque<>();

        void add(long nanos) {
            last.addLast(nanos);
            if (last.size() > SAMPLE) {
                last.removeFirst();
            }
        }

        boolean enough() {
            return last.size() >= SAMPLE;
        }

        boolean tooSlow() {
            return enough() && last.stream().filter(n -> n > TimedSwitch.SLOW_POLL_NANOS).count() >= SLOW_OF_SAMPLE;
        }
    }

    /** The target's {@code info-refresh} as this sentinel reports it. */
    private Optional<Long> targetInfoAge(Topology t) {
        for (Map<String, String> r : sentinel.sentinelReplicas(ctx.service.masterName())) {
            String ip = r.get("ip");
            int port = Integer.parseInt(r.getOrDefault("port", "0"));
            boolean isTarget = (t.targetReported.address().equals(ip) && port == t.targetReported.port())
                    || ctx.addresses.is(ctx.target, ip, port);
            if (isTarget && r.get("info-refresh") != null) {
                return Optional.of(Long.parseLong(r.get("info-refresh")));
            }
        }
        return Optional.empty();
    }

    /** The window did not come in time: not an error, the switch starts without it. */
    private static final class WindowMissed extends RuntimeException {
        WindowMissed() {
            super(null, null, false, false);
        }
    }
}
