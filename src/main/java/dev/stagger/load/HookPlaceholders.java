package dev.stagger.load;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code {port}} and {@code {service}} in a hook have a value only for a target that names one
 * service (with one port). A whole host has neither: {@code run} would find out after the plan has
 * started, so {@code validate} reports it at the argument, naming the targets that cannot fill it.
 */
final class HookPlaceholders {
    private HookPlaceholders() {
    }

    static void check(String stepId, StepAction action, YamlMap m, Inventory inventory, Diagnostics d) {
        List<Target> targets = StepAction.targetsOf(action);
        if (targets.isEmpty()) {
            return;
        }
        for (String key : List.of("down", "do", "up")) {
            if (m.get(key).orElse(null) instanceof SequenceNode list) {
                for (Node arg : list.getValue()) {
                    if (arg instanceof ScalarNode s) {
                        checkArgument(stepId, key, s, targets, inventory, d);
                    }
                }
            }
        }
    }

    private static void checkArgument(String stepId, String key, ScalarNode arg, List<Target> targets,
                                      Inventory inventory, Diagnostics d) {
        String text = arg.getValue();
        if (text.contains("{service}")) {
            List<String> whole = targets.stream().filter(t -> t.service() == null).map(Target::toString).toList();
            if (!whole.isEmpty()) {
                d.error(arg, "`{service}` in step " + stepId + "'s `" + key + "` has no value for "
                        + Suggest.list(whole) + " (a whole host runs several services or none); target one service"
                        + " as `service@host`, or write the service's name");
            }
        }
        if (text.contains("{port}")) {
            List<String> portless = new ArrayList<>();
            for (Target t : targets) {
                List<Integer> ports = inventory.instancesOf(t).stream().map(Instance::endpoint)
                        .filter(Endpoint::hasPort).map(Endpoint::port).distinct().toList();
                if (t.service() == null || ports.size() != 1) {
                    portless.add(t.toString());
                }
            }
            if (!portless.isEmpty()) {
                d.error(arg, "`{port}` in step " + stepId + "'s `" + key + "` has no single value for "
                        + Suggest.list(portless) + " (only a `service@host` target with one port has one);"
                        + " target one service as `service@host`, or write the port");
            }
        }
    }
}
