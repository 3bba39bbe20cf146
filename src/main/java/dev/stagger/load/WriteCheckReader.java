package dev.stagger.load;

import dev.stagger.model.Endpoint;
import dev.stagger.model.WriteCheck;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * An app service's {@code write_check}: an http(s) URL written like {@code health}, or an argument
 * list run without a shell. Everything {@code run} would trip over later (an unknown placeholder, an
 * unclosed brace, a URL that does not parse once filled, {@code {port}} on an instance without one,
 * an empty command) is reported here, at the value, so {@code validate} catches it.
 */
final class WriteCheckReader {
    static final String KEY = "write_check";

    private WriteCheckReader() {
    }

    /** The write check, or null when absent or wrong (then reported). */
    static WriteCheck read(YamlMap m, List<Endpoint> instances, Diagnostics d) {
        Optional<Node> node = m.get(KEY);
        if (node.isEmpty() || Values.isNull(node.get())) {
            return null;
        }
        int before = d.count();
        WriteCheck check = node.get() instanceof SequenceNode list ? command(list, instances, d) : url(node.get(), instances, d);
        return d.count() == before ? check : null;
    }

    private static WriteCheck url(Node node, List<Endpoint> instances, Diagnostics d) {
        Optional<String> text = Values.text(node, d, "an http(s) URL such as http://{address}:{port}/write-check,"
                + " or a list of arguments such as [check-write, \"{host}\"]");
        if (text.isEmpty()) {
            return null;
        }
        String u = text.get();
        if (u.contains("://") && !u.startsWith("http://") && !u.startsWith("https://")) {
            d.error(node, "`" + KEY + "` must be an http:// or https:// URL that answers 2xx when the app can write"
                    + " (a connection alone proves no write), or a command as a list of arguments; got `" + shown(u) + "`");
            return null;
        }
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            String words = Arrays.stream(u.trim().split("\\s+")).map(w -> "\"" + w.replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(", "));
            d.error(node, "`" + KEY + "` must be an http:// or https:// URL that answers 2xx when the app can write,"
                    + " or a command as a list of arguments (no shell is involved): write ["
                    + (words.length() > 60 ? words.substring(0, 57) + "..." : words) + "]; got `" + u + "`");
            return null;
        }
        Set<String> used = Placeholders.check(u, WriteCheck.URL_PLACEHOLDERS, KEY, node, d);
        String filled = u.replaceAll("\\{[^{}]*}", "x");
        if (filled.contains("{") || filled.contains("}")) {
            d.error(node, unmatched(u, WriteCheck.URL_PLACEHOLDERS));
        } else if (!parsesAsUrl(filled.replace("@x", "@example.com").replace("//x", "//example.com").replace(":x", ":1"))) {
            d.error(node, "`" + KEY + "` is not a URL once its placeholders are filled: `" + shown(u) + "`");
        }
        needsPorts(used, node, instances, d);
        return new WriteCheck.Http(u);
    }

    private static WriteCheck command(SequenceNode list, List<Endpoint> instances, Diagnostics d) {
        if (list.getValue().isEmpty()) {
            d.error(list, "`" + KEY + "` is an empty command: give the program and its arguments, such as"
                    + " [/usr/local/bin/check-write, \"{host}\", \"{port}\"]");
            return null;
        }
        List<String> argv = new ArrayList<>();
        for (Values.Named arg : Values.texts(list.getValue(), d, "an argument (a string)")) {
            Set<String> used = Placeholders.check(arg.name(), WriteCheck.COMMAND_PLACEHOLDERS, KEY, arg.node(), d);
            String filled = arg.name().replaceAll("\\{[^{}]*}", "x");
            if (filled.contains("{") || filled.contains("}")) {
                d.error(arg.node(), unmatched(arg.name(), WriteCheck.COMMAND_PLACEHOLDERS));
            }
            needsPorts(used, arg.node(), instances, d);
            argv.add(arg.name());
        }
        if (!argv.isEmpty() && argv.get(0).isBlank()) {
            d.error(list.getValue().get(0), "`" + KEY + "` must start with the program to run, got a blank first argument");
        }
        return new WriteCheck.Command(argv);
    }

    private static String unmatched(String text, List<String> known) {
        List<String> names = known.stream().map(k -> "{" + k + "}").toList();
        return "`" + KEY + "` has an unmatched `{` or `}`: placeholders are written "
                + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1)
                + ", got `" + shown(text) + "`";
    }

    private static void needsPorts(Set<String> used, Node node, List<Endpoint> instances, Diagnostics d) {
        if (used.contains("port")) {
            instances.stream().filter(e -> !e.hasPort()).findFirst().ifPresent(e -> d.error(node,
                    "`" + KEY + "` uses {port} but instance `" + e + "` has no port: write it as `" + e + ":PORT`"));
        }
    }

    /** The URL as messages show it: a password in it ({@code user:pass@}) is masked. */
    private static String shown(String url) {
        return WriteCheck.Http.masked(url);
    }

    private static boolean parsesAsUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
