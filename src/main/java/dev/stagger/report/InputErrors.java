package dev.stagger.report;

import dev.stagger.io.BoundedFile;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.TerminalText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bad-input diagnostics as a compiler prints them: {@code file:line:col: error: message}, then the
 * offending source line and a caret under the column, then the fix if there is one.
 */
public final class InputErrors {
    private InputErrors() {
    }

    public static String render(List<Diagnostic> diagnostics, Ansi ansi) {
        Map<String, List<String>> sources = new HashMap<>();
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            String label = d.isError() ? ansi.red("error") : ansi.yellow("warning");
            sb.append(TerminalText.escape(d.position().toString())).append(": ").append(label).append(": ")
                    .append(TerminalText.escape(d.message())).append('\n');
            String source = sourceLine(sources, d);
            if (source != null) {
                sb.append("  ").append(source).append('\n');
                sb.append("  ").append(" ".repeat(Math.max(0, d.position().column() - 1))).append("^\n");
            }
            if (d.fix() != null) {
                sb.append("  fix: ").append(TerminalText.escape(d.fix())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String sourceLine(Map<String, List<String>> sources, Diagnostic d) {
        if (!d.quotable() || !d.position().isKnown() || d.position().file().isEmpty()) {
            return null;
        }
        List<String> lines = sources.computeIfAbsent(d.position().file(), InputErrors::readLines);
        int index = d.position().line() - 1;
        if (index < 0 || index >= lines.size()) {
            return null;
        }
        String line = lines.get(index).replace('\t', ' ');
        // A line that is huge or binary helps nobody; the location is enough.
        if (line.length() > 200 || line.codePoints().anyMatch(TerminalText::isUnsafe)) {
            return null;
        }
        return line;
    }

    private static List<String> readLines(String file) {
        try {
            byte[] bytes = BoundedFile.read(Path.of(file), 8 * 1024 * 1024, "quoted");
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (BoundedFile.Refused | RuntimeException e) {
            return List.of();
        }
    }
}
