package dev.stagger.discover;

import dev.stagger.load.Glob;
import dev.stagger.load.SourceFile;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import dev.stagger.model.TerminalText;
import java.io.StringReader;
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
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Which data centre a discovered host is in: a YAML map of glob patterns (over the address or the
 * derived host name; {@code *} any run of characters, {@code ?} one, {@code [1-3]} a class) to DC names, e.g.
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
        // Bounded, and strictly UTF-8: a stray Latin-1 byte is an error at its line and column, not a U+FFFD pattern.
        String text = SourceFile.read(file, 1024 * 1024, "a dc map", "cannot read the dc map: ");
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1_000_000);
        options.setNestingDepthLimit(10);
        Node root;
        try {
            // Nodes, not objects: every error keeps its line and column, and no tag builds anything.
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw StaggerException.badInput(List.of(Diagnostic.inputError(at(file, mark), "invalid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw fail(file, "invalid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof MappingNode map)) {
            throw StaggerException.badInput(List.of(Diagnostic.inputError(root == null ? Position.of(file.toString())
                    : at(file, root.getStartMark()), "the dc map must be a mapping of address or host pattern to dc,"
                    + " e.g. \"10.0.1.*\": dc1").unquotable()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            String pattern = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
            String dc = t.getValueNode() instanceof ScalarNode v ? v.getValue() : null;
            if (pattern == null || pattern.isBlank() || TerminalText.firstUnsafeInName(pattern) >= 0) {
                errors.add(Diagnostic.inputError(at(file, t.getKeyNode().getStartMark()),
                        "expected an address or host-name pattern such as \"10.0.1.*\""));
            } else if (out.containsKey(pattern)) {
                errors.add(Diagnostic.inputError(at(file, t.getKeyNode().getStartMark()), "duplicate pattern `"
                        + pattern + "`: only the first would ever match; keep one"));
            } else if (Glob.compile(pattern).isEmpty()) {
                errors.add(Diagnostic.inputError(at(file, t.getKeyNode().getStartMark()), "pattern `" + pattern
                        + "` is not a valid glob (an unclosed `[` or a reversed range); use *, ? and [1-3]"));
            } else if (dc == null || dc.isBlank() || !dc.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                errors.add(Diagnostic.inputError(at(file, t.getValueNode().getStartMark()), "pattern `" + pattern
                        + "` must map to a dc name (letters, digits, `.`, `_`, `-`), got "
                        + (dc == null ? "a list or mapping" : "`" + TerminalText.escapeLine(dc) + "`")));
            } else {
                out.put(pattern, dc);
            }
        }
        if (!errors.isEmpty()) {
            throw StaggerException.badInput(errors);
        }
        return new DcMap(out);
    }

    private static Position at(Path file, Mark mark) {
        return mark == null ? Position.of(file.toString())
                : new Position(file.toString(), mark.getLine() + 1, mark.getColumn() + 1);
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
        return Glob.compile(pattern).orElseThrow(() -> new IllegalArgumentException("not a glob: " + pattern));
    }
}
