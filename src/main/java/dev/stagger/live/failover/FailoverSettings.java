package dev.stagger.live.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * The deadlines of a planned failover. Every wait of the failover has one of these as its limit,
 * so a failover never hangs: it either finishes or fails saying what it waited for.
 *
 * @param connectTimeout   to open a connection to one Redis or sentinel
 * @param commandTimeout   for one command's reply
 * @param catchUpTimeout   for the target to hold every byte the master has, before anything is changed
 * @param switchTimeout    for the target to become master once the switch started; writes on the old
 *                         master are paused at most this long (plus {@code commandTimeout})
 * @param verifyTimeout    for each verification (new master writable, old master and other replicas
 *                         linked to it, sentinels agreeing)
 * @param pollInterval     between two probes of the same wait
 * @param testKeyTtl       the expiry of the test write, in case deleting it fails
 */
public record FailoverSettings(
        Duration connectTimeout,
        Duration commandTimeout,
        Duration catchUpTimeout,
        Duration switchTimeout,
        Duration verifyTimeout,
        Duration pollInterval,
        Duration testKeyTtl) {

    /** Production defaults: generous enough for a loaded WAN link, short enough to notice a stall. */
    public static final FailoverSettings DEFAULTS = new FailoverSettings(
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofSeconds(60));

    public FailoverSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(catchUpTimeout, "catchUpTimeout");
        Objects.requireNonNull(switchTimeout, "switchTimeout");
        Objects.requireNonNull(verifyTimeout, "verifyTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(testKeyTtl, "testKeyTtl");
        if (testKeyTtl.toMillis() < 1 || pollInterval.isNegative()) {
            throw new IllegalArgumentException("testKeyTtl must be at least 1ms and pollInterval not negative");
        }
    }

    public FailoverSettings withCatchUpTimeout(Duration d) {
        return new FailoverSettings(connectTimeout, commandTimeout, d, switchTimeout, verifyTimeout, pollInterval, testKeyTtl);
    }

    public FailoverSettings withSwitchTimeout(Duration d) {
        return new FailoverSettings(connectTimeout, commandTimeout, catchUpTimeout, d, verifyTimeout, pollInterval, testKeyTtl);
    }

    public FailoverSettings withVerifyTimeout(Duration d) {
        return new FailoverSettings(connectTimeout, commandTimeout, catchUpTimeout, switchTimeout, d, pollInterval, testKeyTtl);
    }
}
