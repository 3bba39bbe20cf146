package dev.stagger.load;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The input errors of one file, each located at a YAML node. Loaders keep going after an error and
 * collect into this, so a file's errors are reported in one pass rather than one per run.
 */
final class Diagnostics {
    /** An alias-heavy file can repeat one mistake thousands of times; past this, more lines help nobody. */
    static final int MAX = 200;

    private final String file;
    private final Set<String> seen = new HashSet<>();
    private final List<Diagnostic> errors = new ArrayList<>();
    private boolean truncated;

    Diagnostics(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    /** Node marks are 0-based; messages use the 1-based convention of compilers and editors. */
    Position at(Node node) {
        return node == null ? start() : at(node.getStartMark());
    }

    Position at(Mark mark) {
        return mark == null ? start() : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    Position start() {
        return new Position(file, 1, 1);
    }

    void error(Node node, String message) {
        error(at(node), message);
    }

    /**
     * For messages that are costly to build ("did you mean" over thousands of names): once the cap is
     * reached they are not built at all, so a huge broken file stays fast.
     */
    void error(Node node, Supplier<String> message) {
        if (errors.size() >= MAX) {
            truncated = true;
            return;
        }
        error(at(node), message.get());
    }

    void error(Position position, String message) {
        // Aliases share nodes: the same mistake reached twice is reported once.
        if (!seen.add(position + message)) {
            return;
        }
        if (errors.size() >= MAX) {
            truncated = true;
            return;
        }
        errors.add(Diagnostic.inputError(position, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    /** The errors in file order (line, then column), whatever order they were found in. */
    /**
     * The file is not a YAML document of ours (not YAML at all, or not a mapping): its lines are never
     * shown next to the errors, since it may be anything, a password file included.
     */
    void doNotQuote() {
        quotable = false;
    }

    List<Diagnostic> list() {
        List<Diagnostic> out = new ArrayList<>(errors.size());
        for (Diagnostic d : errors) {
            out.add(quotable ? d : d.unquotable());
        }
        out.sort(Comparator.comparingInt((Diagnostic d) -> d.position().line())
                .thenComparingInt(d -> d.position().column()));
        if (truncated) {
            Position last = out.get(out.size() - 1).position();
            out.add(Diagnostic.inputError(last, "too many errors; only the first " + MAX + " are shown"));
        }
        return out;
    }

    private boolean quotable = true;

    void throwIfAny() {
        if (hasErrors()) {
            throw StaggerException.badInput(list());
        }
    }
}
