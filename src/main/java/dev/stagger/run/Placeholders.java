package dev.stagger.run;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Plan;
import dev.stagger.model.Step;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Substitutes {@code {host}}, {@code {address}}, {@code {port}} and {@code {service}} in a hook's
 * arguments, one target at a time. Each argument stays one argument whatever it contains: no
 * shell, no word splitting. A placeholder with no value for a target (the port of a whole host) is
 * an error found before the run starts, not half-way through it.
 */
public final class Placeholders {
    private Placeholders() {
    }

    public static List<String> expand(List<String> command, Target target, Inventory inventory) {
        List<String> out = new ArrayList<>(command.size());
        for (String arg : command) {
            out.add(expandOne(arg, target, inventory));
        }
        return out;
    }

    private static String expandOne(String arg, Target target, Inventory inventory) {
        String out = arg;
        if (out.contains("{host}")) {
            out = out.replace("{host}", target.host());
        }
        if (out.contains("{address}")) {
            String address = inventory.host(target.host()).map(Host::address).orElse(null);
            out = out.replace("{address}", address == null || address.isEmpty() ? target.host() : address);
        }
        if (out.contains("{service}")) {
            if (target.service() == null) {
                throw new IllegalArgumentException("{service} has no value for " + target
                        + ", a whole host; name one service as the target (service@host)");
            }
            out = out.replace("{service}", target.service());
        }
        if (out.contains("{port}")) {
            out = out.replace("{port}", Integer.toString(portOf(target, inventory)));
        }
        return out;
    }

    private static int portOf(Target target, Inventory inventory) {
        Set<Instance> instances = inventory.instancesOf(target);
        List<Integer> ports = instances.stream().map(Instance::endpoint).filter(Endpoint::hasPort)
                .map(Endpoint::port).distinct().toList();
        if (target.service() == null || ports.size() != 1) {
            throw new IllegalArgumentException("{port} has no single value for " + target
                    + (ports.isEmpty() ? " (no instance with a port)" : " (ports " + ports + ")")
                    + "; name one service with one port as the target (service@host)");
        }
        return ports.get(0);
    }

    /** Every placeholder problem in the plan's hooks, one message each, checked before anything runs. */
    public static List<String> problems(Plan plan, Inventory inventory) {
        List<String> out = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s.hooks() == null) {
                continue;
            }
            for (List<String> cmd : List.of(s.hooks().down(), s.hooks().doCommand(), s.hooks().up())) {
                for (Target t : s.targets()) {
                    try {
                        expand(cmd, t, inventory);
                    } catch (IllegalArgumentException e) {
                        out.add(s.position() + ": error: step " + s.id() + ": " + e.getMessage());
                    }
                }
            }
        }
        return out.stream().distinct().toList();
    }
}
