package dev.stagger.load;

import dev.stagger.model.Host;
import dev.stagger.model.Inventory;
import dev.stagger.model.Service;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
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
    /**
     * Each selector text is resolved once per plan: a generated plan may repeat {@code dc:dc1} or
     * {@code app*} thousands of times, and each would otherwise scan every host again.
     */
    private final Map<String, Resolved> cache = new HashMap<>();
    private Map<String, List<Target>> hostsByDc;
    /** A selector written alone: its targets as {@link #resolve} returns them. */
    private final Map<String, List<Target>> sortedAlone = new HashMap<>();

    /** A selector's targets, or the reason it matches nothing. */
    private record Resolved(List<Target> targets, Supplier<String> error) {
        static Resolved of(List<Target> targets) {
            return new Resolved(targets, null);
        }

        static Resolved error(Supplier<String> message) {
            return new Resolved(List.of(), message);
        }
    }

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
        List<Values.Named> texts = Values.texts(selectors.get(), d, "a target (host, service@host, dc:NAME, service:NAME or a glob)");
        List<Target> all = new ArrayList<>();
        for (Values.Named s : texts) {
            Resolved r = cache.computeIfAbsent(s.name(), this::selector);
            if (r.error() != null) {
                d.error(s.node(), r.error());
            }
            all.addAll(r.targets());
        }
        if (d.count() != before) {
            return Optional.empty();
        }
        if (texts.size() == 1) {
            // A selector alone (`rolling: "*"`, `dc:dc1`) sorts to the same list every time it is written.
            return Optional.of(sortedAlone.computeIfAbsent(texts.get(0).name(), k -> sortedDistinct(all)));
        }
        return Optional.of(sortedDistinct(all));
    }

    /**
     * The targets sorted, each once, a service on a host dropped when the whole host is there too.
     * A sort then one pass, not a tree: selectors mostly give hosts already in order (file order of a
     * generated fleet), which the sort only checks, where a tree compared each of a 50,000-host
     * {@code rolling: "*"} about 16 times. A host sorts right before its own services.
     */
    private static List<Target> sortedDistinct(List<Target> all) {
        Target[] sorted = all.toArray(new Target[0]);
        java.util.Arrays.sort(sorted);
        List<Target> out = new ArrayList<>(sorted.length);
        String wholeHost = null;
        Target previous = null;
        for (Target t : sorted) {
            if (previous != null && t.compareTo(previous) == 0) {
                continue;
            }
            previous = t;
            if (t.isWholeHost()) {
                wholeHost = t.host();
            } else if (wholeHost != null && wholeHost.equals(t.host())) {
                continue;
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    private Resolved selector(String text) {
        if (text.startsWith("dc:")) {
            return dc(text.substring(3));
        }
        if (text.startsWith("service:")) {
            return service(text.substring(8));
        }
        int at = text.indexOf('@');
        if (at >= 0) {
            return instance(text.substring(0, at), text.substring(at + 1));
        }
        if (Glob.isGlob(text)) {
            return glob(text);
        }
        if (inventory.hosts().containsKey(text)) {
            return Resolved.of(List.of(Target.host(text)));
        }
        return Resolved.error(() -> unknownHost(text));
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

    private Resolved dc(String name) {
        if (hostsByDc == null) {
            hostsByDc = new HashMap<>();
            for (Host h : inventory.hosts().values()) {
                hostsByDc.computeIfAbsent(h.dc(), k -> new ArrayList<>()).add(Target.host(h.name()));
            }
        }
        List<Target> out = hostsByDc.get(name);
        return out == null ? Resolved.error(() -> Suggest.unknown("data centre", name, dcs())) : Resolved.of(out);
    }

    private Set<String> dcs() {
        Set<String> out = new TreeSet<>();
        inventory.hosts().values().forEach(h -> out.add(h.dc()));
        return out;
    }

    private Resolved service(String name) {
        Optional<Service> s = inventory.service(name);
        if (s.isEmpty()) {
            return Resolved.error(() -> Suggest.unknown("service", name, inventory.services().keySet()));
        }
        return Resolved.of(s.get().instances().stream().map(e -> Target.host(e.host())).distinct().toList());
    }

    private Resolved instance(String service, String host) {
        Optional<Service> s = inventory.service(service);
        if (s.isEmpty()) {
            return Resolved.error(() -> Suggest.unknown("service", service, inventory.services().keySet()));
        }
        if (!inventory.hosts().containsKey(host)) {
            return Resolved.error(() -> Suggest.unknown("host", host, inventory.hosts().keySet()));
        }
        if (inventory.instancesOnHost(host).stream().noneMatch(i -> i.service().equals(service))) {
            return Resolved.error(() -> "service " + service + " does not run on " + host + " (it runs on "
                    + Suggest.list(s.get().instances().stream().map(e -> e.host()).distinct().toList()) + ")");
        }
        return Resolved.of(List.of(new Target(host, service)));
    }

    private Resolved glob(String text) {
        Optional<Pattern> p = Glob.compile(text);
        if (p.isEmpty()) {
            return Resolved.error(() -> "invalid glob `" + text + "`: a `[` is not closed or its range is reversed");
        }
        // `*` alone (`rolling: "*"`) takes every host without a matcher per host: a loaded inventory's
        // host names hold no line break, the only thing `.*` stops at.
        List<Target> out = text.equals("*")
                ? inventory.hosts().keySet().stream().map(Target::host).toList()
                : inventory.hosts().keySet().stream().filter(h -> p.get().matcher(h).matches()).map(Target::host).toList();
        return out.isEmpty()
                ? Resolved.error(() -> "no host matches `" + text + "` (hosts: " + Suggest.list(inventory.hosts().keySet()) + ")")
                : Resolved.of(out);
    }
}
