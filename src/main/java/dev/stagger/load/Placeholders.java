package dev.stagger.load;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** {@code {host}}-style placeholders in health URLs and hook arguments, checked against the known ones. */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private Placeholders() {
    }

    /** Reports each unknown placeholder; returns the known ones used. */
    static Set<String> check(String text, Collection<String> known, String key, Node node, Diagnostics d) {
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (known.contains(name)) {
                used.add(name);
                continue;
            }
            String list = String.join(", ", known.stream().map(k -> "{" + k + "}").toList());
            d.error(node, "unknown placeholder `{" + name + "}` in `" + key + "`"
                    + Suggest.closest(name, known).map(k -> "; did you mean `{" + k + "}`?").orElse("")
                    + " (known: " + list + ")");
        }
        return used;
    }
}
