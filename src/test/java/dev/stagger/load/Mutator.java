package dev.stagger.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded damage to a YAML text, of the kinds people and tools actually produce: lost and doubled
 * lines, wrong types, broken indentation, typos in keys, absurd numbers, stray unicode, tags and
 * alias bombs. The same seed always gives the same mutation, so a failure can be replayed.
 */
final class Mutator {
    private static final String[] VALUES = {
        "42", "-1", "0", "99999999999999999999999", "1e308", "1.5", "[]", "{}", "~", "true", "no", "\"\"",
        "[a, b]", "{ a: 1 }", "[[app1]]", "app1:0", "app1:99999", "-", "'*'", "\"{nope}\"", "2024-01-01",
        "0x1F", "1_000", "12:30:00", ".inf", "TODO-set-dc", "service:", "dc:", "@", "\"a\\u0000b\""};
    private static final String[] TAGS = {
        "!!python/object/apply:os.system [\"id\"]", "!foo bar", "!!binary aGVsbG8=", "!!set { a }",
        "!!omap [ a: 1 ]", "!<tag:example.com,2000:x> y", "!!str 5", "!!int 7", "!!java.io.File /tmp"};
    private static final String[] UNICODE = {
        "\u00e9", "\u65e5\u672c", "\uD83D\uDE00", "\u200B", "\u202E", "\uFEFF", "\u0000", "\u0007", "\u0085",
        "\u2028", "\uFFFE", "\uD800", "\t", "\r", "\\", "\"", "'", "#", "&", "*", "!", "|", ">", "%", "@", "`"};

    private final Random random;

    Mutator(long seed) {
        this.random = new Random(seed);
    }

    /** One to three mutations applied in turn, and a name for each, for the verdict table. */
    Result mutate(String text) {
        int n = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(3));
        String out = text;
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(12);
            out = apply(kind, out);
            kinds.add(NAMES[kind]);
        }
        return new Result(out, String.join("+", kinds));
    }

    record Result(String text, String kind) {
    }

    private static final String[] NAMES = {
        "delete-line", "duplicate-line", "swap-value", "indent", "unknown-key", "number", "unicode",
        "alias-bomb", "tag", "swap-lines", "truncate", "recursive-alias"};

    private String apply(int kind, String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        switch (kind) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, line);
            case 2 -> lines.set(i, replaceValue(line, pick(VALUES)));
            case 3 -> lines.set(i, indent(line));
            case 4 -> lines.set(i, typo(line));
            case 5 -> lines.set(i, line.replaceAll("\\d+", pick(new String[]{"-5", "0", "2147483648", "65536", "1e9", "-0"})));
            case 6 -> lines.set(i, insert(line, pick(UNICODE)));
            case 7 -> {
                return text + aliasBomb();
            }
            case 8 -> lines.set(i, replaceValue(line, pick(TAGS)));
            case 9 -> {
                int j = random.nextInt(lines.size());
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case 10 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            default -> lines.set(i, replaceValue(line, "&r [x, *r]"));
        }
        return String.join("\n", lines);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String replaceValue(String line, String value) {
        int colon = line.indexOf(": ");
        if (colon >= 0) {
            return line.substring(0, colon + 2) + value;
        }
        int dash = line.indexOf("- ");
        return dash >= 0 ? line.substring(0, dash + 2) + value : line + " " + value;
    }

    private String indent(String line) {
        int lead = line.length() - line.stripLeading().length();
        return switch (random.nextInt(4)) {
            case 0 -> " ".repeat(1 + random.nextInt(3)) + line;
            case 1 -> line.substring(Math.min(lead, 1 + random.nextInt(3)));
            case 2 -> "\t" + line;
            default -> line.stripLeading();
        };
    }

    /** A misspelt or made-up key, keeping the line's indentation. */
    private String typo(String line) {
        int colon = line.indexOf(':');
        String lead = line.substring(0, line.length() - line.stripLeading().length());
        if (colon > lead.length() + 1 && random.nextBoolean()) {
            int k = lead.length() + random.nextInt(colon - lead.length());
            return line.substring(0, k) + line.substring(k + 1);
        }
        return lead + pick(new String[]{"bogus", "min_helthy", "Kind", "instance", "step", "dc_", "sentinels"})
                + ": 1\n" + line;
    }

    private String insert(String line, String s) {
        int at = random.nextInt(line.length() + 1);
        return line.substring(0, at) + s + line.substring(at);
    }

    /** Anchors nested so that a naive expansion would be 9^levels nodes. */
    private String aliasBomb() {
        int levels = 2 + random.nextInt(8);
        StringBuilder sb = new StringBuilder("\nbomb0: &b0 [x, x, x, x, x, x, x, x, x]\n");
        for (int l = 1; l < levels; l++) {
            sb.append("bomb").append(l).append(": &b").append(l).append(" [");
            for (int k = 0; k < 9; k++) {
                sb.append(k > 0 ? ", " : "").append("*b").append(l - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }
}
