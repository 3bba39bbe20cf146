package dev.stagger.live.failover;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Polls a condition until it holds or its deadline passes. It always says what it waits for and
 * for how much longer (through the progress callback, at the start and about once a second), and a
 * timeout becomes the caller's typed exception built from the last thing seen.
 */
final class Waiter {
    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

    /** One look at the cluster: null when the condition holds, else what was seen instead. */
    @FunctionalInterface
    interface Probe {
        String unmet();
    }

    private final Duration interval;
    private final Consumer<String> progress;

    Waiter(Duration interval, Consumer<String> progress) {
        this.interval = interval;
        this.progress = progress;
    }

    /**
     * @param what      what is awaited, e.g. {@code app2:6380 to become master}
     * @param onTimeout builds the exception from the last thing seen
     * @return how long it took
     */
    Duration await(String what, Duration timeout, Probe probe, Function<String, RuntimeException> onTimeout) {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        long nextReport = start + REPORT_EVERY_NANOS;
        progress.accept("waiting up to " + seconds(timeout.toNanos()) + " for " + what);
        String seen;
        while (true) {
            seen = look(probe);
            long now = System.nanoTime();
            if (seen == null) {
                return Duration.ofNanos(now - start);
            }
            if (now >= end) {
                throw onTimeout.apply(seen);
            }
            if (now >= nextReport) {
                progress.accept("waiting for " + what + ": " + seen + " (" + seconds(now - start) + " elapsed, "
                        + seconds(end - now) + " left)");
                nextReport = now + REPORT_EVERY_NANOS;
            }
            sleep(Math.min(interval.toNanos(), Math.max(0, end - now)));
        }
    }

    private static String look(Probe probe) {
        try {
            return probe.unmet();
        } catch (NodeUnavailable e) {
            // A probe that fails means "not yet": the deadline decides when it becomes an error.
            return e.getMessage();
        }
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FailoverException.failed("interrupted while waiting; check the group's roles with "
                    + "`stagger status` before continuing");
        }
    }
}
