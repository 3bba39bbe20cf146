package dev.stagger.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Services that {@code requires} each other in a cycle: none of them could ever start first (each
 * waits for another to be up), so the inventory is refused. Each cycle is reported once, at the
 * {@code requires} entry of its first service in written order, naming every service on it.
 */
final class RequiresCycles {
    private final Map<String, List<Values.Named>> edges;
    private final Diagnostics d;
    private final Set<String> done = new HashSet<>();
    private final Set<Set<String>> reported = new HashSet<>();

    private RequiresCycles(Map<String, List<Values.Named>> edges, Diagnostics d) {
        this.edges = edges;
        this.d = d;
    }

    /** @param edges each service's {@code requires} entries (names with their nodes), in written order */
    static void report(Map<String, List<Values.Named>> edges, Diagnostics d) {
        RequiresCycles c = new RequiresCycles(edges, d);
        for (String s : edges.keySet()) {
            c.visit(s, new LinkedHashMap<>());
        }
    }

    /** Depth-first; {@code path} maps each service on the current path to the entry leaving it. */
    private void visit(String service, LinkedHashMap<String, Values.Named> path) {
        if (done.contains(service)) {
            return;
        }
        for (Values.Named r : edges.getOrDefault(service, List.of())) {
            path.put(service, r);
            if (path.containsKey(r.name())) {
                cycle(path, r.name());
            } else {
                visit(r.name(), path);
            }
            path.remove(service);
        }
        done.add(service);
    }

    private void cycle(LinkedHashMap<String, Values.Named> path, String start) {
        List<String> names = new ArrayList<>();
        boolean on = false;
        for (String s : path.keySet()) {
            on |= s.equals(start);
            if (on) {
                names.add(s);
            }
        }
        if (!reported.add(new HashSet<>(names))) {
            return;
        }
        // Report at the entry of the service written first, so the location is stable.
        String first = edges.keySet().stream().filter(names::contains).findFirst().orElse(start);
        int at = names.indexOf(first);
        List<String> loop = new ArrayList<>(names.subList(at, names.size()));
        loop.addAll(names.subList(0, at));
        loop.add(first);
        d.error(path.get(first).node(), "services " + String.join(" -> ", loop) + " require each other in a cycle: none"
                + " of them could start first; remove one of these `requires` (e.g. `" + path.get(first).name()
                + "` from " + first + ")");
    }
}
