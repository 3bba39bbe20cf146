package dev.stagger.load;

import java.util.regex.Pattern;

/**
 * Host and service names. They appear inside target selectors ({@code cache@app1}, {@code dc:dc1},
 * {@code app*}), so the characters those use are kept out of names.
 */
final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Names() {
    }

    static boolean isValid(String name) {
        return NAME.matcher(name).matches();
    }

    /** Reports an invalid name; true when it is valid. */
    static boolean check(String what, String name, org.yaml.snakeyaml.nodes.Node node, Diagnostics d) {
        if (isValid(name)) {
            return true;
        }
        d.error(node, what + " name `" + name + "` may only contain letters, digits, `.`, `_` and `-`,"
                + " starting with a letter or digit");
        return false;
    }
}
