package dev.stagger.load;

import dev.stagger.model.Host;
import dev.stagger.model.HostState;
import dev.stagger.model.Position;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code hosts:} of an inventory read straight from its lines, when every host is written the way
 * stagger writes them, one per line: {@code   web01: { dc: dc1, address: 10.0.0.1 }}. On a big fleet
 * these lines are most of the file, and a YAML tree of them (five scalars, a mapping, their marks and
 * tuples per host: about 1 KB) was most of the memory the young GC copied while loading.
 *
 * <p>Only what the tree-based reader would accept without a single error is read here: names and
 * values of plain letters, digits, {@code .}, {@code _} and {@code -}, each key at most once, a
 * {@code dc} present, a valid address, {@code state} up or down, no duplicate host, at least one host.
 * Anything else (quotes, comments after a host, block style, an odd character, a mistake) returns
 * null and the whole file is read the ordinary way, so every error and its position stay the
 * ordinary reader's. HostLinesTest compares the two readers.
 */
final class HostLines {
    private static final String HOSTS = "hosts:";
    /** QuickComposer's limit on a key's length, so both readers accept the same names. */
    private static final int MAX_NAME = 1000;

    /** The hosts read, and the text they span (whole lines), which the YAML composer skips. */
    record Section(Map<String, Host> hosts, Span span) {
    }

    /** Whole lines of the text, from offset {@code start} to {@code end}: {@code lines} of them. */
    record Span(int start, int end, int lines) {
    }

    private final String s;
    private final int n;
    private final String file;
    private int pos;
    /** Where the {@code hosts:} line starts, once {@link #findHostsKey} found it. */
    private int keyLineStart;

    private HostLines(String text, String file) {
        this.s = text;
        this.n = text.length();
        this.file = file;
    }

    /** The section, or null when the file's hosts must be read from its YAML tree. */
    static Section read(String text, String file) {
        return new HostLines(text, file).section();
    }

    /**
     * Where {@link #read} would find the hosts section if it reads one: found by line starts alone,
     * without reading a host, so the rest of the file can be composed while the hosts are read. Null
     * when there is no plainly written {@code hosts:} key; a span that {@code read} does not confirm
     * (it gave up, or found another end) must not be used.
     */
    static Span span(String text) {
        return new HostLines(text, "").lines();
    }

    private Span lines() {
        int keyLine = findHostsKey();
        if (keyLine < 0) {
            return null;
        }
        int start = s.indexOf('\n', keyLineStart);
        if (start < 0) {
            return null;
        }
        pos = start + 1;
        int lines = 0;
        while (pos < n) {
            int lineStart = pos;
            spaces();
            if (pos >= n) {
                break;
            }
            if (pos == lineStart && s.charAt(pos) != '\n' && s.charAt(pos) != '#') {
                pos = lineStart;
                break; // the next top-level key
            }
            int nl = s.indexOf('\n', pos);
            pos = nl < 0 ? n : nl + 1;
            lines++;
        }
        return new Span(start + 1, pos, lines);
    }

    private Section section() {
        int keyLine = findHostsKey();
        if (keyLine < 0) {
            return null;
        }
        // The value starts on the next line: nothing but spaces may follow `hosts:`.
        pos = keyLineStart + HOSTS.length();
        spaces();
        if (pos >= n || s.charAt(pos) != '\n') {
            return null;
        }
        pos++;
        int start = pos;
        int line = keyLine + 1;
        int indent = -1;
        Map<String, Host> hosts = new LinkedHashMap<>(Math.max(16, estimateHosts(start) * 4 / 3 + 1));
        Map<String, String> dcs = new java.util.HashMap<>();
        while (pos < n) {
            int lineStart = pos;
            spaces();
            if (pos >= n) {
                break;
            }
            char c = s.charAt(pos);
            if (c == '\n' || c == '#') {
                if (!plainLine()) {
                    return null; // the composer no longer sees these lines, so it cannot give up on them
                }
                line++;
                continue;
            }
            int column = pos - lineStart;
            if (column == 0) {
                pos = lineStart;
                break; // the next top-level key: the section ends
            }
            if (indent < 0) {
                indent = column;
            } else if (column != indent) {
                return null;
            }
            Host host = host(line, column, dcs);
            if (host == null || hosts.put(host.name(), host) != null) {
                return null;
            }
            line++;
        }
        if (hosts.isEmpty() || pos < n && s.charAt(pos) == '-') {
            return null; // none, or a list at column 0, which the composer would take for the hosts' value
        }
        return new Section(hosts, new Span(start, pos, line - keyLine - 1));
    }

    /** The 0-based line of the only top-level {@code hosts:} key, or -1 (none, two, or not plainly written). */
    private int findHostsKey() {
        int found = -1;
        int line = 0;
        for (int at = 0; at < n; line++) {
            if (s.startsWith(HOSTS, at)) {
                if (found >= 0) {
                    return -1; // a duplicate key: the ordinary reader reports it
                }
                found = line;
                keyLineStart = at;
            }
            int nl = s.indexOf('\n', at);
            if (nl < 0) {
                break;
            }
            at = nl + 1;
        }
        return found;
    }

    /** A lower bound on the number of hosts, for presizing: the bytes of the rest over a short host line. */
    private int estimateHosts(int start) {
        return Math.min(1 << 20, (n - start) / 80);
    }

    /** {@code NAME: { dc: X, address: Y, state: Z }} and the line's end, or null. */
    private Host host(int line, int column, Map<String, String> dcs) {
        String name = word(MAX_NAME);
        if (name == null || isNull(name) || !take(':') || !take(' ')) {
            return null;
        }
        spaces();
        if (!take('{')) {
            return null;
        }
        String dc = null;
        String address = null;
        HostState state = null;
        while (true) {
            spaces();
            String key = word(16);
            if (key == null || !take(':') || !take(' ')) {
                return null;
            }
            spaces();
            String value = word(MAX_NAME);
            if (value == null) {
                return null;
            }
            switch (key) {
                case "dc" -> {
                    if (dc != null || isNull(value) || value.regionMatches(true, 0, "TODO", 0, 4)) {
                        return null;
                    }
                    String known = dcs.putIfAbsent(value, value);
                    dc = known != null ? known : value;
                }
                case "address" -> {
                    if (address != null || isNull(value) || HostAddress.problem(value) != null) {
                        return null;
                    }
                    address = value;
                }
                case "state" -> {
                    if (state != null) {
                        return null;
                    }
                    state = value.equals("up") ? HostState.UP : value.equals("down") ? HostState.DOWN : null;
                    if (state == null) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
            spaces();
            if (take('}')) {
                break;
            }
            if (!take(',')) {
                return null;
            }
        }
        spaces();
        if (pos < n && s.charAt(pos) != '\n' || dc == null) {
            return null;
        }
        if (pos < n) {
            pos++;
        }
        return new Host(name, dc, address != null ? address : name, state != null ? state : HostState.UP,
                new Position(file, line + 1, column + 1));
    }

    /**
     * A name or value: {@code [A-Za-z0-9][A-Za-z0-9._-]*}, what {@link Names#isValid} accepts. Such a
     * word is a plain YAML scalar that ends before {@code :}, {@code ,} or {@code }}, holds no
     * character a terminal or a host name check would refuse, and is never a tag or an alias.
     */
    private String word(int max) {
        int from = pos;
        if (pos >= n || !Names.startsName(s.charAt(pos))) {
            return null;
        }
        pos++;
        while (pos < n && Names.continuesName(s.charAt(pos))) {
            pos++;
        }
        return pos - from > max ? null : s.substring(from, pos);
    }

    /** The texts YAML reads as null (the others of SnakeYAML's null pattern hold a character no word has). */
    private static boolean isNull(String value) {
        return value.equals("null") || value.equals("Null") || value.equals("NULL");
    }

    private boolean take(char c) {
        if (pos < n && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void spaces() {
        while (pos < n && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    /** Past a blank or comment line of printable ASCII only (a comment may hold a tab, CR or NEL, which YAML treats apart). */
    private boolean plainLine() {
        while (pos < n && s.charAt(pos) != '\n') {
            char c = s.charAt(pos);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
            pos++;
        }
        pos = Math.min(n, pos + 1);
        return true;
    }
}
