package dev.stagger.run;

import dev.stagger.report.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal's line format: one flat JSON object per line, every value a string, {@code time},
 * {@code event} and {@code step} first. Flat on purpose: a person can read it with {@code tail}, and
 * {@code jq} or a few lines of any language can parse it.
 */
final class JsonLine {
    private JsonLine() {
    }

    static String encode(JournalEvent e) {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "time", e.time().toString(), true);
        field(sb, "event", e.event(), false);
        if (e.step() != null) {
            field(sb, "step", e.step(), false);
        }
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            field(sb, d.getKey(), d.getValue(), false);
        }
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, String key, String value, boolean first) {
        if (!first) {
            sb.append(',');
        }
        Json.quote(sb, key);
        sb.append(':');
        Json.quote(sb, value);
    }

    /** @throws IllegalArgumentException naming what is wrong, for a line that is not one of ours */
    static JournalEvent decode(String line) {
        Map<String, String> fields = parseFlatObject(line.trim());
        String time = fields.remove("time");
        String event = fields.remove("event");
        String step = fields.remove("step");
        if (time == null || event == null) {
            throw new IllegalArgumentException("missing \"time\" or \"event\"");
        }
        try {
            return new JournalEvent(Instant.parse(time), event, step, fields);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("bad time " + time, ex);
        }
    }

    private static Map<String, String> parseFlatObject(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] pos = {0};
        expect(s, pos, '{');
        skipSpace(s, pos);
        if (peek(s, pos) == '}') {
            pos[0]++;
            return out;
        }
        while (true) {
            String key = string(s, pos);
            expect(s, pos, ':');
            String value = string(s, pos);
            out.put(key, value);
            skipSpace(s, pos);
            char c = next(s, pos);
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw new IllegalArgumentException("expected , or } at column " + pos[0]);
            }
        }
        skipSpace(s, pos);
        if (pos[0] != s.length()) {
            throw new IllegalArgumentException("text after the object at column " + pos[0]);
        }
        return out;
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
                        throw new IllegalArgumentException("short \\u escape");
                    }
                    sb.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                    pos[0] += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + esc);
            }
        }
    }

    private static void expect(String s, int[] pos, char c) {
        skipSpace(s, pos);
        char got = next(s, pos);
        if (got != c) {
            throw new IllegalArgumentException("expected " + c + " at column " + pos[0]);
        }
    }

    private static void skipSpace(String s, int[] pos) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }

    private static char peek(String s, int[] pos) {
        if (pos[0] >= s.length()) {
            throw new IllegalArgumentException("line ends early");
        }
        return s.charAt(pos[0]);
    }

    private static char next(String s, int[] pos) {
        char c = peek(s, pos);
        pos[0]++;
        return c;
    }
}
