package dev.stagger.discover;

import dev.stagger.io.BoundedFile;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Which data centre a discovered host is in: a YAML map of glob patterns (over the address or the
 * derived host name; {@code *} any run of characters, {@code ?} one) to DC names, e.g.
 * {@code "10.0.1.*": dc1}. The first pattern that matches, in file order, wins.
 */
public final class DcMap {
    public static final DcMap EMPTY = new DcMap(new LinkedHashMap<>());

    private final Map<String, String> patterns;

    private DcMap(Map<String, String> patterns) {
        this.patterns = patterns;
    }

    public static DcMap of(Map<String, String> patterns) {
        return new DcMap(new LinkedHashMap<>(patterns));
    }

    public static DcMap load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1_000_000);
        Object doc;
        try {
            String text = new String(BoundedFile.read(file, 1024 * 1024, "a dc map"), StandardCharsets.UTF_8);
            doc = new Yaml(new SafeConstructor(options)).load(text);
        } catch (BoundedFile.Refused e) {
            throw fail(file, "cannot read the dc map: " + e.getMessage());
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw StaggerException.badInput(List.of(Diagnostic.inputError(
                    new Position(file.toString(), mark.getLine() + 1, mark.getColumn() + 1),
                    "invalid YAML: " + e.getProblem())));
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw fail(file, "the dc map must be a mapping of address or host pattern to dc, e.g. \"10.0.1.*\": dc1");
        }
        Map<String, String> out = new LinkedHashMap<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (var e : map.entrySet()) {
            if (!(e.getValue() instanceof String dc) || dc.isBlank()) {
                errors.add(Diagnostic.inputError(Position.of(file.toString()),
                        "pattern `" + e.getKey() + "` must map to a dc name, got `" + e.getValue() + "`"));
            } else {
                out.put(String.valueOf(e.getKey()), dc);
            }
        }
        if (!errors.isEmpty()) {
            throw StaggerException.badInput(errors);
        }
        return new DcMap(out);
    }

    private static StaggerException fail(Path file, String message) {
        return StaggerException.badInput(List.of(Diagnostic.inputError(Position.of(file.toString()), message)));
    }

    /** The dc of the first pattern matching the address or the host name. */
    public Optional<String> dcFor(String hostName, String address) {
        for (var e : patterns.entrySet()) {
            Pattern p = glob(e.getKey());
            if (p.matcher(address).matches() || p.matcher(hostName).matches()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
