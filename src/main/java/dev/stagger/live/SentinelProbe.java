package dev.stagger.live;

import dev.stagger.model.Instance;
import java.util.Map;

/**
 * One sentinel at one moment: each master name it was asked about (the inventory's redis groups
 * that fail over through this sentinel group), or why it did not answer.
 */
public record SentinelProbe(Instance instance, String address, boolean reachable, String reason,
                            Map<String, SentinelView> masters) {

    static SentinelProbe unreachable(Instance instance, String address, String reason) {
        return new SentinelProbe(instance, address, false, reason, Map.of());
    }

    public SentinelView view(String masterName) {
        return masters.get(masterName);
    }
}
