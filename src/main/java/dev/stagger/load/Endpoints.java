package dev.stagger.load;

import dev.stagger.model.Endpoint;
import java.util.Collection;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** {@code host} or {@code host:port}, where the host must be one the inventory declares. */
final class Endpoints {
    /** Compiled once: a fleet has tens of thousands of instances. */
    private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile("\\d{1,5}");

    private Endpoints() {
    }

    /**
     * @param portRequired false only for app instances, which may be a whole host
     * @param hosts        the declared host names
     */
    static Optional<Endpoint> parse(String text, Node node, boolean portRequired, Collection<String> hosts,
                                    Diagnostics d) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = 0;
        if (colon >= 0) {
            String p = text.substring(colon + 1);
            if (!PORT.matcher(p).matches() || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
                d.error(node, "the port in `" + text + "` must be a number between 1 and 65535");
                return Optional.empty();
            }
            port = Integer.parseInt(p);
        }
        if (!hosts.contains(host)) {
            d.error(node, () -> Suggest.unknown("host", host, hosts));
            return Optional.empty();
        }
        if (portRequired && port == 0) {
            d.error(node, "`" + text + "` needs a port: write it as `" + host + ":PORT`");
            return Optional.empty();
        }
        return Optional.of(Endpoint.of(host, port));
    }
}
