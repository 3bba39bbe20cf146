package dev.stagger.load;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Host;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** {@code host} or {@code host:port}, where the host must be one the inventory declares. */
final class Endpoints {
    private Endpoints() {
    }

    /**
     * @param portRequired false only for app instances, which may be a whole host
     * @param hosts        the declared hosts by name
     */
    static Optional<Endpoint> parse(String text, Node node, boolean portRequired, Map<String, Host> hosts,
                                    Diagnostics d) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = 0;
        if (colon >= 0) {
            port = port(text, colon + 1);
            if (port < 1 || port > 65535) {
                d.error(node, "the port in `" + text + "` must be a number between 1 and 65535");
                return Optional.empty();
            }
        }
        Host declared = hosts.get(host);
        if (declared == null) {
            d.error(node, () -> Suggest.unknown("host", host, hosts.keySet()));
            return Optional.empty();
        }
        if (portRequired && port == 0) {
            d.error(node, "`" + text + "` needs a port: write it as `" + host + ":PORT`");
            return Optional.empty();
        }
        // The host's own name, not this copy of it: a fleet's endpoints then keep no string of their own.
        return Optional.of(Endpoint.of(declared.name(), port));
    }

    /** The 1 to 5 ASCII digits from {@code from} to the end as a number, or -1. */
    private static int port(String text, int from) {
        int digits = text.length() - from;
        if (digits < 1 || digits > 5) {
            return -1;
        }
        int port = 0;
        for (int k = from; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port;
    }
}
