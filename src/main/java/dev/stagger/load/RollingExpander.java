package dev.stagger.load;

import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code rolling} as plain steps: one {@code maintain} per host matched, with id {@code ID/HOST},
 * each waiting for what the rolling step waits for. Sequence order then chains them like any other
 * steps; graph order leaves them unordered among themselves, exactly as SPEC says.
 */
final class RollingExpander {
    private RollingExpander() {
    }

    /**
     * Each host's targets, hosts in name order: the sub-steps of a rolling step. The resolver hands
     * targets sorted by host, so each host's are one run of the list, cut where the host changes: a
     * map keyed by host compared every name about 16 times over on a 50,000-host {@code rolling: "*"}.
     */
    static List<List<Target>> byHost(List<Target> targets) {
        List<List<Target>> out = new ArrayList<>();
        int from = 0;
        for (int k = 1; k < targets.size(); k++) {
            int c = targets.get(k).host().compareTo(targets.get(from).host());
            if (c < 0) {
                return byHostUnsorted(targets);
            }
            if (c > 0) {
                out.add(targets.subList(from, k));
                from = k;
            }
        }
        if (!targets.isEmpty()) {
            out.add(targets.subList(from, targets.size()));
        }
        return out;
    }

    /** {@link #byHost} for targets not in host order (no caller hands such today). */
    private static List<List<Target>> byHostUnsorted(List<Target> targets) {
        Map<String, List<Target>> byName = new TreeMap<>();
        for (Target t : targets) {
            byName.computeIfAbsent(t.host(), h -> new ArrayList<>()).add(t);
        }
        return new ArrayList<>(byName.values());
    }

    static String subId(String rollingId, String host) {
        return rollingId + "/" + host;
    }

    /** The sub-step ids of a rolling step whose targets are {@code hosts} ({@link #byHost}). */
    static List<String> ids(String rollingId, List<List<Target>> hosts) {
        List<String> out = new ArrayList<>(hosts.size());
        for (List<Target> h : hosts) {
            out.add(subId(rollingId, h.get(0).host()));
        }
        return out;
    }

    /**
     * @param hosts the rolling step's targets by host ({@link #byHost}), with {@code ids} their sub-step ids
     * @param after the rolling step's {@code after}, already resolved to step ids
     */
    static List<Step> expand(StepDraft rolling, List<List<Target>> hosts, List<String> ids, List<String> after) {
        List<Step> out = new ArrayList<>(hosts.size());
        for (int k = 0; k < hosts.size(); k++) {
            out.add(new Step(ids.get(k), new StepAction.Maintain(List.copyOf(hosts.get(k))),
                    after, rolling.hooks(), rolling.minReady(), rolling.readyTimeout(), rolling.note(),
                    rolling.id(), rolling.position(), rolling.hookTimeout()));
        }
        return out;
    }
}
