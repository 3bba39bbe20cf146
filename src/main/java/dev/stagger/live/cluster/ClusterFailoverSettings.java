package dev.stagger.live.cluster;

import java.time.Duration;

/**
 * Limits of one CLUSTER FAILOVER.
 *
 * @param confirmTimeout how long the nodes may take to agree on the new master after the command
 * @param pollInterval   how often to re-read ROLE and CLUSTER NODES while waiting
 * @param ioTimeout      connect and read timeout of each probe
 * @param progressEvery  how often a waiting failover says what it waits for
 */
public record ClusterFailoverSettings(Duration confirmTimeout, Duration pollInterval, Duration ioTimeout,
                                      Duration progressEvery) {
    /** Redis gives a manual failover 5 s to reach offset parity, then an election: 30 s is ample. */
    public static final ClusterFailoverSettings DEFAULT = new ClusterFailoverSettings(
            Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(2));

    public ClusterFailoverSettings withConfirmTimeout(Duration d) {
        return new ClusterFailoverSettings(d, pollInterval, ioTimeout, progressEvery);
    }
}
