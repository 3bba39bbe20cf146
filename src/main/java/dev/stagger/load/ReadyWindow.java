package dev.stagger.load;

import dev.stagger.model.Durations;
import java.time.Duration;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A restarted instance must stay healthy for {@code min_ready} within {@code ready_timeout}. With the
 * timeout shorter than the stay, no instance can ever pass: {@code run} would take the host down and
 * then fail with "still down" while it is up. That is a mistake in the file, reported before the run.
 */
final class ReadyWindow {
    private ReadyWindow() {
    }

    /** @param whose "step dc1-drives" or "the inventory's defaults", for the message */
    static void check(Duration minReady, Duration readyTimeout, Node at, String whose, Diagnostics d) {
        if (minReady == null || readyTimeout == null || readyTimeout.compareTo(minReady) >= 0) {
            return;
        }
        d.error(at, "ready_timeout " + Durations.format(readyTimeout) + " is shorter than min_ready "
                + Durations.format(minReady) + " in " + whose + ": no instance could ever be ready in time;"
                + " raise ready_timeout to at least " + Durations.format(minReady) + " or lower min_ready");
    }
}
