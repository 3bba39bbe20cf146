package dev.stagger.load;

import dev.stagger.model.Host;
import dev.stagger.model.Inventory;
import dev.stagger.model.Service;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Target selectors to {@link Target}s: a host ({@code app1}), one service on a host
 * ({@code cache@app1}), a data centre ({@code dc:dc1}), every host a service runs on
 * ({@code service:api}) or a glob over host names ({@code app*}). The result is deduplicated and
 * sorted; a service on a host that is also taken whole is dropped, the host covers it.
 */
final class TargetResolver {
    private final Inventory inventory;
    private final Diagnostics d;

    TargetResolver(Inventory inventory, Diagnostics d) {
        this.inventory = inventory;
        this.d = d;
    }

    /** @return the targets, or empty when any selector is wrong (each reported) */
    Optional<List<Target>> resolve(Node node, String key) {
        if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode && !Values.describe(node).equals("a string")) {
            d.error(node, "expected a target or a list of targets for `" + key + "`, got " + Values.describe(node));
            return Optional.empty();
        }
        Optional<List<Node>> selectors = Values.oneOrMany(node, d, "a target or a list of targets for `" + key + "`");
        if (selectors.isEmpty()) {
            return Optional.empty();
        }
        if (selectors.get().isEmpty()) {
            d.error(node, "`" + key + "` needs at least one target");
            return Optional.empty();
        }
        int before = d.count();
        Set<Target> out = new TreeSet<>();
        for (Values.Named s : Values.texts(selectors.get(), d, "a target (host, service@host, dc:NAME, service:NAME or a glob)")) {
            out.addAll(selector(s.name(), s.node()));
        }
        if (d.count() != before) {
            return Optional.empty();
        }
        out.removeIf(t -> !t.isWholeHost() && out.contains(Target.host(t.host())));
        return Optional.of(List.copyOf(out));
    }

    private List<Target> selector(String text, Node node) {
        if (text.startsWith("dc:")) {
            return dc(text.substring(3), node);
        }
        if (text.startsWith("service:")) {
            return service(text.substring(8), node);
        }
        int at = text.indexOf('@');
        if (at >= 0) {
            return instance(text.substring(0, at), text.substring(at + 1), node);
        }
        if (Glob.isGlob(text)) {
            return glob(text, node);
        }
        if (inventory.hosts().containsKey(text)) {
            return List.of(Target.host(text));
        }
        d.error(node, unknownHost(text));
        return List.of();
    }

    /** A service or DC name written where a host was expected gets the selector that was probably meant. */
    private String unknownHost(String text) {
        if (inventory.services().containsKey(text)) {
            return "unknown host `" + text + "`; to target every host of service " + text + " write `service:" + text + "`";
        }
        if (dcs().contains(text)) {
            return "unknown host `" + text + "`; to target data centre " + text + " write `dc:" + text + "`";
        }
        return Suggest.unknown("host", text, inventory.hosts().keySet());
    }

    private List<Target> dc(String name, Node node) {
        List<Target> out = new ArrayList<>();
        for (Host h : inventory.hosts().values()) {
            if (h.dc().equals(name)) {
                out.add(Target.host(h.name()));
            }
        }
        if (out.isEmpty()) {
            d.error(node, Suggest.unknown("data centre", name, dcs()));
        }
        return out;
    }

    private Set<String> dcs() {
        Set<String> out = new TreeSet<>();
        inventory.hosts().values().forEach(h -> out.add(h.dc()));
        return out;
    }

    private List<Target> service(String name, Node node) {
        Optional<Service> s = inventory.service(name);
        if (s.isEmpty()) {
            d.error(node, Suggest.unknown("service", name, inventory.services().keySet()));
            return List.of();
        }
        return s.get().instances().stream().map(e -> Target.host(e.host())).distinct().toList();
    }

    private List<Target> instance(String service, String host, Node node) {
        Optional<Service> s = inventory.service(service);
        if (s.isEmpty()) {
            d.error(node, Suggest.unknown("service", service, inventory.services().keySet()));
            return List.of();
        }
        if (!inventory.hosts().containsKey(host)) {
            d.error(node, Suggest.unknown("host", host, inventory.hosts().keySet()));
            return List.of();
        }
        if (!s.get().runsOn(host)) {
            List<String> on = s.get().instances().stream().map(e -> e.host()).distinct().toList();
            d.error(node, "service " + service + " does not run on " + host + " (it runs on " + Suggest.list(on) + ")");
            return List.of();
        }
        return List.of(new Target(host, service));
    }

    private List<Target> glob(String text, Node node) {
        Optional<Pattern> p = Glob.compile(text);
        if (p.isEmpty()) {
            d.error(node, "invalid glob `" + text + "`: a `[` is not closed or its range is reversed");
            return List.of();
        }
        List<Target> out = inventory.hosts().keySet().stream().filter(h -> p.get().matcher(h).matches())
                .map(Target::host).toList();
        if (out.isEmpty()) {
            d.error(node, "no host matches `" + text + "` (hosts: " + Suggest.list(inventory.hosts().keySet()) + ")");
        }
        return out;
    }
}
