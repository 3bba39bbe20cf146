package dev.stagger.run;

import dev.stagger.report.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal's line format: one flat JSON object per line, {@code time}, {@code event} and
 * {@code step} first, then the details. Counts and durations are JSON numbers and yes/no details
 * JSON booleans ({@link JournalSchema} says which); everything else is a string. Flat on purpose: a
 * person can read it with {@code tail}, and {@code jq} or a few lines of any language can parse it.
 * Journals written before details were typed (every value a string) read the same.
 */
final class JsonLine {
    private JsonLine() {
    }

    /** One field as read: its value (a number or boolean in its JSON text), whether it was quoted, its 1-based column. */
    record Field(String value, boolean quoted, int column) {
    }

    /** A line that is not a flat JSON object, with the 1-based column where reading stopped. */
    static final class Malformed extends IllegalArgumentException {
        private final int column;

        Malformed(String message, int column) {
            super(message);
            this.column = column;
        }

        int column() {
            return column;
        }
    }

    static String encode(JournalEvent e) {
        StringBuilder sb = new StringBuilder("{");
        text(sb, "time", e.time().toString(), true);
        text(sb, "event", e.event(), false);
        if (e.step() != null) {
            text(sb, "step", e.step(), false);
        }
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            String typed = JournalSchema.typed(d.getKey(), d.getValue()).orElse(null);
            if (typed == null) {
                text(sb, d.getKey(), d.getValue(), false);
            } else {
                sb.append(',');
                Json.quote(sb, d.getKey());
                sb.append(':').append(typed);
            }
        }
        return sb.append('}').toString();
    }

    private static void text(StringBuilder sb, String key, String value, boolean first) {
        if (!first) {
            sb.append(',');
        }
        Json.quote(sb, key);
        sb.append(':');
        Json.quote(sb, value);
    }

    /** @throws IllegalArgumentException naming what is wrong, for a line that is not one of ours */
    static JournalEvent decode(String line) {
        Map<String, Field> fields = parse(line);
        return toEvent(fields);
    }

    /** The event a parsed line holds; numbers and booleans become their text. */
    static JournalEvent toEvent(Map<String, Field> fields) {
        Map<String, String> details = new LinkedHashMap<>();
        fields.forEach((k, f) -> details.put(k, f.value()));
        String time = details.remove("time");
        String event = details.remove("event");
        String step = details.remove("step");
        if (time == null || event == null) {
            throw new IllegalArgumentException("missing \"time\" or \"event\"");
        }
        try {
            return new JournalEvent(Instant.parse(time), event, step, details);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("bad time " + time, ex);
        }
    }

    /** The fields of one line, in order. */
    static Map<String, Field> parse(String s) {
        Map<String, Field> out = new LinkedHashMap<>();
        int[] pos = {0};
        expect(s, pos, '{');
        skipSpace(s, pos);
        if (peek(s, pos) == '}') {
            pos[0]++;
            return end(s, pos, out);
        }
        while (true) {
            skipSpace(s, pos);
            int column = pos[0] + 1;
            String key = string(s, pos);
            expect(s, pos, ':');
            skipSpace(s, pos);
            Field value = value(s, pos, column);
            if (out.put(key, value) != null) {
                throw new Malformed("\"" + key + "\" appears twice", column);
            }
            skipSpace(s, pos);
            char c = next(s, pos);
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw new Malformed("expected , or }", pos[0]);
            }
        }
        return end(s, pos, out);
    }

    private static Map<String, Field> end(String s, int[] pos, Map<String, Field> out) {
        skipSpace(s, pos);
        if (pos[0] != s.length()) {
            throw new Malformed("text after the object", pos[0] + 1);
        }
        return out;
    }

    private static Field value(String s, int[] pos, int column) {
        char c = peek(s, pos);
        if (c == '"') {
            return new Field(string(s, pos), true, column);
        }
        int start = pos[0];
        while (pos[0] < s.length() && "+-.eE0123456789truefalsn".indexOf(s.charAt(pos[0])) >= 0) {
            pos[0]++;
        }
        String bare = s.substring(start, pos[0]);
        if (bare.equals("true") || bare.equals("false") || bare.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return new Field(bare, false, column);
        }
        throw new Malformed("a value is a string, a number or true/false", start + 1);
    }

    private static String string(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next(s, pos);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char esc = next(s, pos);
            switch (esc) {
                case '"', '\\', '/' -> sb.append(esc);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos[0] + 4 > s.length()) {
                        throw new Malformed("short \\u escape", pos[0]);
                    }
                    try {
                        sb.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                    } catch (NumberFormatException e) {
                        throw new Malformed("bad \\u escape", pos[0]);
                    }
                    pos[0] += 4;
                }
                default -> throw new Malformed("bad escape \\" + esc, pos[0]);
            }
        }
    }

    private static void expect(String s, int[] pos, char c) {
        skipSpace(s, pos);
        char got = next(s, pos);
        if (got != c) {
            throw new Malformed("expected " + c, pos[0]);
        }
    }

    private static void skipSpace(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static char peek(String s, int[] pos) {
        if (pos[0] >= s.length()) {
            throw new Malformed("the line ends early", pos[0] + 1);
        }
        return s.charAt(pos[0]);
    }

    private static char next(String s, int[] pos) {
        char c = peek(s, pos);
        pos[0]++;
        return c;
    }
}
