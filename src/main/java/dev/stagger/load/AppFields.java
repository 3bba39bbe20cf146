package dev.stagger.load;

import dev.stagger.model.Endpoint;
import dev.stagger.model.MinHealthy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The fields only an app pool has: {@code min_healthy} and the {@code health} URL. */
final class AppFields {
    /** {@code tcp://HOST:PORT}, the port a number from 1 to 65535 or the {port} placeholder. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");
    private static final Pattern TCP = Pattern.compile(
            "tcp://(\\[[^\\]/]+\\]|[^/:\\[\\]]+):(\\{port\\}|[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])/?");

    private AppFields() {
    }

    /** A count up to the pool's size, or a percentage; 1 when absent. */
    static MinHealthy minHealthy(YamlMap m, int poolSize, Diagnostics d) {
        Optional<Node> node = m.get("min_healthy");
        if (node.isEmpty()) {
            return MinHealthy.ONE;
        }
        Node n = node.get();
        if (n instanceof ScalarNode s && s.getValue().endsWith("%")) {
            return Values.percent(n, d, "min_healthy", 0).map(p -> new MinHealthy(p, true)).orElse(MinHealthy.ONE);
        }
        if (n.getTag().equals(Tag.INT)) {
            return Values.integer(n, d, "min_healthy", 0, poolSize).map(v -> new MinHealthy(v, false))
                    .orElse(MinHealthy.ONE);
        }
        d.error(n, "expected a count or a percentage such as 50% for `min_healthy`, got "
                + Values.describeValue(n));
        return MinHealthy.ONE;
    }

    /**
     * The health URL template; {@code {port}} needs every instance to have one.
     *
     * @param checked templates already found without an error, with the placeholders each uses: a
     *                fleet repeats one template in thousands of pools, and its checks (regular
     *                expressions, a URI parse) depend on the text alone
     */
    static String health(YamlMap m, List<Endpoint> instances, Diagnostics d, Map<String, Set<String>> checked) {
        Optional<Node> node = m.get("health");
        if (node.isEmpty()) {
            return null;
        }
        Optional<String> url = Values.text(node.get(), d, "a health URL such as http://{address}:8080/healthz");
        if (url.isEmpty()) {
            return null;
        }
        String u = url.get();
        Set<String> used = checked.get(u);
        if (used == null) {
            int before = d.count();
            used = checkTemplate(u, node.get(), d);
            if (d.count() == before) {
                checked.put(u, used);
            }
        }
        if (used.contains("port")) {
            instances.stream().filter(e -> !e.hasPort()).findFirst().ifPresent(e -> d.error(node.get(),
                    "`health` uses {port} but instance `" + e + "` has no port: write it as `" + e + ":PORT`"));
        }
        return u;
    }

    /** Reports what is wrong with the template {@code u} itself; returns the placeholders it uses. */
    private static Set<String> checkTemplate(String u, Node node, Diagnostics d) {
        boolean shaped = false;
        if (!u.startsWith("http://") && !u.startsWith("https://") && !u.startsWith("tcp://")) {
            d.error(node, "`health` must start with http://, https:// or tcp://, got `" + u + "`");
        } else if (u.startsWith("tcp://") && !TCP.matcher(u).matches()) {
            // A TCP check connects to a port; without one there is nothing to probe, and a probe
            // that cannot run must not pass for healthy.
            d.error(node, "a tcp:// health check needs a port (1-65535): write it as `tcp://{address}:PORT`"
                    + " or `tcp://{address}:{port}`, got `" + u + "`");
        } else {
            shaped = true;
        }
        Set<String> used = Placeholders.check(u, List.of("address", "host", "port"), "health", node, d);
        String filled = PLACEHOLDER.matcher(u).replaceAll("x");
        if (filled.contains("{") || filled.contains("}")) {
            d.error(node, "`health` has an unmatched `{` or `}`: placeholders are written {address}, {host}"
                    + " or {port}, got `" + u + "`");
        } else if (shaped && !parsesAsUrl(filled.replace("//x", "//example.com").replace(":x", ":1"))) {
            d.error(node, "`health` is not a URL once its placeholders are filled: `" + u + "`");
        }
        return used;
    }

    private static boolean parsesAsUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
