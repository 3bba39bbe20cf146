package dev.stagger.load;

import java.util.Optional;
import java.util.regex.Pattern;

/** Shell-style globs over host names: {@code *}, {@code ?} and classes such as {@code [1-3]} or {@code [!4]}. */
public final class Glob {
    private Glob() {
    }

    public static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    /** The glob as an anchored regex, or empty when a {@code [} is never closed. */
    public static Optional<Pattern> compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        return Optional.empty();
                    }
                    String body = glob.substring(i + 1, end);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    re.append('[').append(negate ? "^" : "");
                    for (char b : body.toCharArray()) {
                        // Only ranges keep their meaning; everything else in a class is literal.
                        re.append(b == '-' ? "-" : Character.isLetterOrDigit(b) ? String.valueOf(b) : "\\" + b);
                    }
                    re.append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Optional.of(Pattern.compile(re.toString()));
        } catch (java.util.regex.PatternSyntaxException e) {
            return Optional.empty(); // e.g. a reversed range such as [9-1]
        }
    }
}
