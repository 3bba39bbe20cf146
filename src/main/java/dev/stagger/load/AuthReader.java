package dev.stagger.load;

import dev.stagger.model.Auth;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code auth: { user, password_env | password_file, tls }}. A password written in the file itself
 * is refused: inventories end up in repositories, tickets and CI logs.
 */
final class AuthReader {
    private static final List<String> KEYS = List.of("user", "password_env", "password_file", "tls");

    private AuthReader() {
    }

    /** @param baseDir the inventory's directory, against which a relative {@code password_file} is resolved */
    static Auth read(Node node, Path baseDir, Diagnostics d) {
        Optional<YamlMap> fields = YamlMap.of(node, d, "`auth` such as `{ user: default, password_env: REDIS_PASSWORD }`");
        if (fields.isEmpty()) {
            return Auth.NONE;
        }
        YamlMap m = fields.get();
        if (m.has("password")) {
            d.error(m.keyNode("password"), "passwords never go in a file: use password_env or password_file");
        }
        for (String key : m.keys()) {
            if (!key.equals("password") && !KEYS.contains(key)) {
                d.error(m.keyNode(key), YamlMap.unknownKey(key, KEYS));
            }
        }
        String user = m.get("user").flatMap(n -> Values.text(n, d, "a user name")).orElse(null);
        String env = m.get("password_env").flatMap(n -> Values.text(n, d, "an environment variable name"))
                .filter(v -> validEnv(v, m.get("password_env").orElseThrow(), d)).orElse(null);
        Path file = m.get("password_file").flatMap(n -> Values.text(n, d, "a file path")
                .flatMap(v -> path(v, baseDir, n, d))).orElse(null);
        if (m.has("password_env") && m.has("password_file")) {
            d.error(m.keyNode("password_file"), "give one of `password_env` and `password_file`, not both");
        }
        boolean tls = m.get("tls").flatMap(n -> Values.bool(n, d, "tls")).orElse(false);
        return new Auth(user, env, file, tls);
    }

    private static boolean validEnv(String name, Node node, Diagnostics d) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return true;
        }
        d.error(node, "`password_env` names an environment variable (letters, digits and `_`), got `" + name + "`");
        return false;
    }

    private static Optional<Path> path(String text, Path baseDir, Node node, Diagnostics d) {
        try {
            Path p = Path.of(text);
            return Optional.of(baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p).normalize());
        } catch (InvalidPathException e) {
            d.error(node, "`password_file` is not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }
}
