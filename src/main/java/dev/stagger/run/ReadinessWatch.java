package dev.stagger.run;

import dev.stagger.model.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tracks how long each instance has been ready without a break. Satisfied when every instance is
 * ready now and has been for {@code minReady}: one failed probe restarts that instance's count,
 * because a flapping instance is not ready.
 */
final class ReadinessWatch {
    private final List<Instance> instances;
    private final Duration minReady;
    private final Map<Instance, Long> readySince = new HashMap<>();

    ReadinessWatch(Set<Instance> instances, Duration minReady) {
        this.instances = List.copyOf(instances);
        this.minReady = minReady;
    }

    void observe(Instance i, boolean ready, long nowNanos) {
        if (ready) {
            readySince.putIfAbsent(i, nowNanos);
        } else {
            readySince.remove(i);
        }
    }

    boolean satisfied(long nowNanos) {
        return notReady().isEmpty() && heldFor(nowNanos).compareTo(minReady) >= 0;
    }

    /** How long every instance has been ready together: the shortest streak. */
    Duration heldFor(long nowNanos) {
        long latest = readySince.values().stream().mapToLong(Long::longValue).max().orElse(nowNanos);
        return Duration.ofNanos(nowNanos - latest);
    }

    List<Instance> notReady() {
        List<Instance> out = new ArrayList<>();
        for (Instance i : instances) {
            if (!readySince.containsKey(i)) {
                out.add(i);
            }
        }
        return out;
    }

    String describeNotReady() {
        List<Instance> n = notReady();
        if (n.isEmpty()) {
            return " (ready, but not for min_ready " + ConsoleProgress.human(minReady) + " without a break)";
        }
        return " (not ready: " + n.stream().map(Instance::toString).toList() + ")";
    }
}
