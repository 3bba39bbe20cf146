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

    /** Each host's targets, hosts in name order: the sub-steps of a rolling step. */
    static Map<String, List<Target>> byHost(List<Target> targets) {
        Map<String, List<Target>> out = new TreeMap<>();
        for (Target t : targets) {
            out.computeIfAbsent(t.host(), h -> new ArrayList<>()).add(t);
        }
        return out;
    }

    static String subId(String rollingId, String host) {
        return rollingId + "/" + host;
    }

    /** @param after the rolling step's {@code after}, already resolved to step ids */
    static List<Step> expand(StepDraft rolling, List<String> after) {
        List<Step> out = new ArrayList<>();
        List<Target> all = ((StepAction.Maintain) rolling.action()).targets();
        for (Map.Entry<String, List<Target>> host : byHost(all).entrySet()) {
            out.add(new Step(subId(rolling.id(), host.getKey()), new StepAction.Maintain(List.copyOf(host.getValue())),
                    after, rolling.hooks(), rolling.minReady(), rolling.readyTimeout(), rolling.note(),
                    rolling.id(), rolling.position(), rolling.hookTimeout()));
        }
        return out;
    }
}
