package dev.stagger.run;

import java.time.Duration;

/**
 * How the executor behaves, from the command line's flags.
 *
 * @param maxParallel   at most this many steps in progress at once, failovers included; whatever it is, no
 *                      two failovers are ever in progress at once (one cluster, one failover at a time)
 * @param waitSafe      how long a step may wait at a blocked gate, with nothing else in progress, before the run halts
 * @param poll          how often waits re-probe
 * @param gateInterval  how often a blocked gate is re-checked (each check probes the cluster)
 * @param dryRun        nothing is done: gates are reported rather than waited for, min_ready is not waited out
 * @param resumeCommand the command that resumes this run, printed when it stops early
 */
public record RunSettings(int maxParallel, Duration waitSafe, Duration poll, Duration gateInterval,
                          boolean dryRun, String resumeCommand) {
    public static final Duration DEFAULT_WAIT_SAFE = Duration.ofMinutes(5);

    public RunSettings {
        if (maxParallel < 1) {
            throw new IllegalArgumentException("--max-parallel must be at least 1");
        }
    }

    public static RunSettings defaults(String resumeCommand) {
        return new RunSettings(1, DEFAULT_WAIT_SAFE, Duration.ofSeconds(1), Duration.ofSeconds(2), false, resumeCommand);
    }

    public RunSettings withMaxParallel(int n) {
        return new RunSettings(n, waitSafe, poll, gateInterval, dryRun, resumeCommand);
    }

    public RunSettings withWaitSafe(Duration d) {
        return new RunSettings(maxParallel, d, poll, gateInterval, dryRun, resumeCommand);
    }

    public RunSettings withPolling(Duration poll, Duration gateInterval) {
        return new RunSettings(maxParallel, waitSafe, poll, gateInterval, dryRun, resumeCommand);
    }

    public RunSettings withDryRun(boolean d) {
        return new RunSettings(maxParallel, waitSafe, poll, gateInterval, d, resumeCommand);
    }
}
