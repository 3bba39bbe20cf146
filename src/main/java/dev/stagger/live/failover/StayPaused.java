package dev.stagger.live.failover;

/**
 * A failure after the target's promotion in which the old master's role is unknown or still master:
 * resuming its writes could let two masters take writes, so they stay paused until the pause's own
 * limit (by then Sentinel, or the operator, has re-pointed it). Carries the failure to report.
 */
final class StayPaused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient FailoverException failure;

    StayPaused(FailoverException failure) {
        super(failure.getMessage(), null, false, false);
        this.failure = failure;
    }
}
