package dev.stagger.live;

import java.time.Duration;
import java.util.function.Function;

/**
 * How probes connect: timeouts, and where {@code password_env} names are looked up (the process
 * environment, replaceable in tests). A probe that takes longer than its timeouts is unhealthy.
 */
public record ProbeSettings(Duration connectTimeout, Duration readTimeout, Function<String, String> env) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final ProbeSettings DEFAULT = new ProbeSettings(DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, System::getenv);

    public ProbeSettings withTimeouts(Duration connect, Duration read) {
        return new ProbeSettings(connect, read, env);
    }

    public ProbeSettings withEnv(Function<String, String> lookup) {
        return new ProbeSettings(connectTimeout, readTimeout, lookup);
    }

    /** The longest one probe can take: connect, auth and a few reads. */
    Duration perProbeBudget() {
        return connectTimeout.plus(readTimeout.multipliedBy(3));
    }

    @Override
    public String toString() {
        return "ProbeSettings[connect=" + connectTimeout + ", read=" + readTimeout + "]";
    }
}
