package dev.stagger.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The node tree SnakeYAML would compose, built in one pass over the text, for the plain subset of YAML
 * that stagger writes and people mostly write: block mappings and sequences, one-line flow collections,
 * one-line plain and quoted scalars, comments. Anything else (anchors, tags, block or multi-line
 * scalars, tabs, CR, characters YAML forbids, odd indentation, anything SnakeYAML would reject) makes it
 * give up, and SnakeYAML reads the file instead: so every error, limit and message stays SnakeYAML's.
 * Tags come from the same resolver, and each node starts where SnakeYAML says it does
 * (QuickComposerDifferentialTest compares the two on every file we ship and on generated ones).
 *
 * <p>Why: SnakeYAML's scanner keeps a token queue, a mark per token with a copy of its input window,
 * and events; on a 50,000-host inventory that was most of the load time and memory. Here a node costs
 * one mark without a window, and repeated short scalars (keys, data centres) share one string.
 */
final class QuickComposer {
    /** Below SafeYaml's limit, so that SnakeYAML reports a file that nests too deeply. */
    private static final int MAX_DEPTH = 30;
    /** SnakeYAML stops looking for a simple key's {@code :} after 1024 characters. */
    private static final int MAX_KEY = 1000;
    /** Short scalars repeat (keys, data centres, host names in lists): one string each. */
    private static final int SHARED = 32;
    private static final String MARK_NAME = "'reader'";

    private final char[] s;
    private final int n;
    private final Resolver resolver;
    private final Map<String, String> strings = new HashMap<>();
    private final Tag mapTag;
    private final Tag seqTag;
    private int pos;
    private int line;
    private int lineStart;
    private int depth;
    /** Where lines read by someone else ({@link HostLines}) were cut out, and how many: they count as blank lines. */
    private int holeStart = -1;
    private int holeLines;

    private QuickComposer(String text, Resolver resolver) {
        this(text.toCharArray(), resolver);
    }

    private QuickComposer(char[] text, Resolver resolver) {
        this.s = text;
        this.n = s.length;
        this.resolver = resolver;
        this.mapTag = resolver.resolve(NodeId.mapping, null, true);
        this.seqTag = resolver.resolve(NodeId.sequence, null, true);
    }

    /** The document's tree, or empty when the text is not in the subset (SnakeYAML must read it). */
    static Optional<Node> compose(String text, Resolver resolver) {
        return compose(new QuickComposer(text, resolver));
    }

    /**
     * The tree of the text without the whole lines {@code [start, end)} ({@code lines} of them), which
     * must follow a line ending in a key and its colon: that key's value is then empty, and everything
     * after keeps its line numbers.
     */
    static Optional<Node> composeWithout(String text, Resolver resolver, int start, int end, int lines) {
        // The lines left out are not copied at all: on a big fleet they are half of the text. A mark's
        // index (its offset) after them is then smaller than in the text; stagger uses lines and columns only.
        char[] rest = new char[text.length() - (end - start)];
        text.getChars(0, start, rest, 0);
        text.getChars(end, text.length(), rest, start);
        QuickComposer c = new QuickComposer(rest, resolver);
        c.holeStart = start;
        c.holeLines = lines;
        return compose(c);
    }

    private static Optional<Node> compose(QuickComposer c) {
        if (!c.onlySimpleCharacters()) {
            return Optional.empty();
        }
        try {
            return Optional.of(c.document());
        } catch (NotInSubset e) {
            return Optional.empty();
        }
    }

    /** Thrown to give up; carries nothing, so it costs nothing. */
    private static final class NotInSubset extends RuntimeException {
        private static final NotInSubset INSTANCE = new NotInSubset();

        private NotInSubset() {
            super(null, null, false, false);
        }
    }

    private static NotInSubset out() {
        return NotInSubset.INSTANCE;
    }

    /**
     * Printable characters of the basic plane and {@code \n} only: no tab, CR, NEL, line or paragraph
     * separator, byte order mark, surrogate (SnakeYAML counts columns in code points) or control
     * character, each of which SnakeYAML either treats specially or rejects.
     */
    private boolean onlySimpleCharacters() {
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (c >= 0x20 && c < 0x7F || c == '\n') {
                continue;
            }
            if (c >= 0xA0 && c < 0xD800 && c != 0x2028 && c != 0x2029 || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) {
                continue;
            }
            return false;
        }
        return true;
    }

    private Node document() {
        nextContent();
        if (pos >= n || column() != 0) {
            throw out();
        }
        Node root;
        if (isSequenceEntry()) {
            root = blockSequence(0);
        } else {
            ScalarNode key = tryKey();
            if (key == null) {
                throw out();
            }
            root = blockMapping(0, key);
        }
        if (pos < n) {
            throw out();
        }
        return root;
    }

    // ---- block context ----

    /** A block mapping whose first key was just read (the position is after its {@code :}). */
    private MappingNode blockMapping(int indent, ScalarNode firstKey) {
        enter();
        long start = ((Scalar) firstKey).at;
        List<NodeTuple> tuples = new ArrayList<>();
        ScalarNode key = firstKey;
        while (true) {
            long afterColon = mark();
            skipSpaces();
            Node value;
            if (atLineEnd()) {
                endLine();
                nextContent();
                int k = column();
                if (pos >= n || k < indent) {
                    value = empty(afterColon);
                } else if (k == indent) {
                    value = isSequenceEntry() ? blockSequence(indent) : empty(afterColon);
                } else {
                    value = blockNode(k);
                }
            } else {
                value = inlineValue();
                endLine();
                nextContent();
            }
            tuples.add(new NodeTuple(key, value));
            if (pos >= n) {
                break;
            }
            int k = column();
            if (k < indent) {
                break;
            }
            if (k > indent) {
                throw out();
            }
            key = tryKey();
            if (key == null) {
                throw out();
            }
        }
        leave();
        return new Mapping(mapTag, tuples, start, FlowStyle.BLOCK);
    }

    /** Entries {@code - ...} at column {@code indent}; the position is at the first {@code -}. */
    private SequenceNode blockSequence(int indent) {
        enter();
        long start = mark();
        List<Node> items = new ArrayList<>();
        while (true) {
            pos++;
            skipSpaces();
            if (atLineEnd() || isSequenceEntry()) {
                throw out(); // an entry on the next lines, or a nested entry: rare, left to SnakeYAML
            }
            ScalarNode key = tryKey();
            if (key != null) {
                items.add(blockMapping(column(key), key));
            } else {
                items.add(inlineValue());
                endLine();
                nextContent();
            }
            if (pos >= n) {
                break;
            }
            int k = column();
            if (k < indent) {
                break;
            }
            if (k > indent) {
                throw out();
            }
            if (!isSequenceEntry()) {
                break; // the parent decides (the next key of a mapping, for an indentless sequence)
            }
        }
        leave();
        return new Sequence(seqTag, items, start, FlowStyle.BLOCK);
    }

    /** A collection starting on a line of its own, more indented than its key. */
    private Node blockNode(int indent) {
        if (isSequenceEntry()) {
            return blockSequence(indent);
        }
        ScalarNode key = tryKey();
        if (key == null) {
            throw out(); // a scalar on the line after its key: multi-line rules, left to SnakeYAML
        }
        return blockMapping(indent, key);
    }

    /**
     * A scalar followed by {@code :} and a space or line end, leaving the position after the colon;
     * otherwise null, with the position unchanged.
     */
    private ScalarNode tryKey() {
        char c = s[pos];
        if (c != '\'' && c != '"' && !plainStart(false)) {
            return null;
        }
        int start = pos;
        int startLine = line;
        int startLineStart = lineStart;
        ScalarNode key = scalar(false);
        skipSpaces();
        if (pos < n && s[pos] == ':' && blankOrEnd(pos + 1)) {
            if (pos - start > MAX_KEY) {
                throw out();
            }
            pos++;
            return key;
        }
        pos = start;
        line = startLine;
        lineStart = startLineStart;
        return null;
    }

    /** A value on the line of its key or dash: a flow collection or a scalar. */
    private Node inlineValue() {
        char c = s[pos];
        if (c == '[') {
            return flowSequence();
        }
        if (c == '{') {
            return flowMapping();
        }
        return scalar(false);
    }

    private ScalarNode empty(long at) {
        return new Scalar(resolver.resolve(NodeId.scalar, "", true), "", at, ScalarStyle.PLAIN);
    }

    // ---- flow context (one line) ----

    private SequenceNode flowSequence() {
        enter();
        long start = mark();
        List<Node> items = new ArrayList<>();
        flowItems(']', () -> items.add(flowNode()));
        leave();
        return new Sequence(seqTag, items, start, FlowStyle.FLOW);
    }

    private MappingNode flowMapping() {
        enter();
        long start = mark();
        List<NodeTuple> tuples = new ArrayList<>();
        flowItems('}', () -> {
            int keyStart = pos;
            if (at('[') || at('{')) {
                throw out();
            }
            ScalarNode key = scalar(true);
            skipSpaces();
            if (!at(':') || pos + 1 >= n || s[pos + 1] != ' ' || pos - keyStart > MAX_KEY) {
                throw out();
            }
            pos += 2;
            skipSpaces();
            tuples.add(new NodeTuple(key, flowNode()));
        });
        leave();
        return new Mapping(mapTag, tuples, start, FlowStyle.FLOW);
    }

    /**
     * The items of a flow collection from its opening bracket to {@code close}, each read by
     * {@code item}, separated by commas; a trailing comma is outside the subset.
     */
    private void flowItems(char close, Runnable item) {
        pos++;
        skipSpaces();
        if (at(close)) {
            pos++;
            return;
        }
        while (true) {
            item.run();
            skipSpaces();
            if (at(',')) {
                pos++;
                skipSpaces();
                if (at(close)) {
                    throw out();
                }
            } else if (at(close)) {
                pos++;
                return;
            } else {
                throw out();
            }
        }
    }

    private Node flowNode() {
        if (at('[')) {
            return flowSequence();
        }
        if (at('{')) {
            return flowMapping();
        }
        return scalar(true);
    }

    // ---- scalars (one line) ----

    private ScalarNode scalar(boolean flow) {
        if (pos >= n) {
            throw out();
        }
        char c = s[pos];
        if (c == '\'') {
            return singleQuoted();
        }
        if (c == '"') {
            return doubleQuoted();
        }
        if (!plainStart(flow)) {
            throw out();
        }
        return plain(flow);
    }

    /** SnakeYAML's {@code checkPlain}. */
    private boolean plainStart(boolean flow) {
        char c = s[pos];
        if (c == ' ' || c == '\n') {
            return false;
        }
        if ("-?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0) {
            return true;
        }
        return !blankOrEnd(pos + 1) && (c == '-' || !flow && (c == '?' || c == ':'));
    }

    /**
     * SnakeYAML's {@code scanPlain} on one line: chunks separated by spaces, ended by a line end, a
     * comment, {@code :} before a space (or, in flow context, before a flow indicator) and, in flow
     * context, a flow indicator. Whether the next line continues it is the callers' indentation check.
     */
    private ScalarNode plain(boolean flow) {
        long start = mark();
        int from = pos;
        int end = pos;
        while (pos < n && s[pos] != '#') {
            int p = pos;
            while (p < n) {
                char ch = s[p];
                if (ch == ' ' || ch == '\n') {
                    break;
                }
                if (ch == ':' && (p + 1 >= n || s[p + 1] == ' ' || s[p + 1] == '\n'
                        || flow && ",[]{}".indexOf(s[p + 1]) >= 0)) {
                    break;
                }
                if (flow && ",?[]{}".indexOf(ch) >= 0) {
                    break;
                }
                p++;
            }
            if (p == pos) {
                break;
            }
            end = p;
            pos = p;
            skipSpaces();
            if (pos == end || pos >= n || s[pos] == '\n') {
                break;
            }
        }
        String value = text(from, end);
        return new Scalar(resolver.resolve(NodeId.scalar, value, true), value, start, ScalarStyle.PLAIN);
    }

    private ScalarNode singleQuoted() {
        long start = mark();
        pos++;
        int from = pos;
        StringBuilder sb = null;
        while (true) {
            if (pos >= n || s[pos] == '\n') {
                throw out();
            }
            char c = s[pos];
            if (c == '\'') {
                if (pos + 1 < n && s[pos + 1] == '\'') {
                    if (sb == null) {
                        sb = new StringBuilder().append(s, from, pos - from);
                    }
                    sb.append('\'');
                    pos += 2;
                    continue;
                }
                break;
            }
            if (sb != null) {
                sb.append(c);
            }
            pos++;
        }
        String value = sb == null ? text(from, pos) : sb.toString();
        pos++;
        return quoted(value, start, ScalarStyle.SINGLE_QUOTED);
    }

    private ScalarNode doubleQuoted() {
        long start = mark();
        pos++;
        int from = pos;
        StringBuilder sb = null;
        while (true) {
            if (pos >= n || s[pos] == '\n') {
                throw out();
            }
            char c = s[pos];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder().append(s, from, pos - from);
                }
                escape(sb);
                continue;
            }
            if (sb != null) {
                sb.append(c);
            }
            pos++;
        }
        String value = sb == null ? text(from, pos) : sb.toString();
        pos++;
        return quoted(value, start, ScalarStyle.DOUBLE_QUOTED);
    }

    /** One escape sequence at the position (a backslash), as SnakeYAML reads it; others give up. */
    private void escape(StringBuilder sb) {
        if (pos + 1 >= n) {
            throw out();
        }
        char e = s[pos + 1];
        String single = switch (e) {
            case '0' -> "\0";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 't' -> "\t";
            case 'n' -> "\n";
            case 'v' -> "\u000B";
            case 'f' -> "\f";
            case 'r' -> "\r";
            case 'e' -> "\u001B";
            case ' ' -> " ";
            case '"' -> "\"";
            case '\\' -> "\\";
            case 'N' -> "\u0085";
            case '_' -> "\u00A0";
            case 'L' -> "\u2028";
            case 'P' -> "\u2029";
            default -> null;
        };
        if (single != null) {
            sb.append(single);
            pos += 2;
            return;
        }
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 0;
        if (digits == 0 || pos + 2 + digits > n) {
            throw out(); // \U, an unknown escape or a line break: left to SnakeYAML
        }
        int value = 0;
        for (int i = pos + 2; i < pos + 2 + digits; i++) {
            int d = Character.digit(s[i], 16);
            if (d < 0 || s[i] > 'f') {
                throw out();
            }
            value = value * 16 + d;
        }
        sb.append((char) value);
        pos += 2 + digits;
    }

    private ScalarNode quoted(String value, long start, ScalarStyle style) {
        return new Scalar(resolver.resolve(NodeId.scalar, value, false), value, start, style);
    }

    private String text(int from, int to) {
        String t = new String(s, from, to - from);
        if (to - from > SHARED) {
            return t;
        }
        String known = strings.putIfAbsent(t, t);
        return known == null ? t : known;
    }

    // ---- lines and positions ----

    /** Where the position is, as a line and column packed for {@link #markOf}. */
    private long mark() {
        return (long) line << 32 | (pos - lineStart);
    }

    private static Mark markOf(long at) {
        return new Mark(MARK_NAME, 0, (int) (at >>> 32), (int) at, (int[]) null, 0);
    }

    /*
     * SnakeYAML's nodes with their start mark made when asked for: a mark per node was a fifth of the
     * tree's memory, and only the few nodes an error or a position is reported at are ever asked. A
     * mark's index (its offset in the text) is not kept; stagger uses lines and columns only.
     */

    static final class Scalar extends ScalarNode {
        private final long at;

        Scalar(Tag tag, String value, long at, ScalarStyle style) {
            super(tag, true, value, null, null, style);
            this.at = at;
        }

        @Override
        public Mark getStartMark() {
            return markOf(at);
        }

        @Override
        public Mark getEndMark() {
            return markOf(at);
        }
    }

    static final class Mapping extends MappingNode {
        private final long at;

        Mapping(Tag tag, List<NodeTuple> value, long at, FlowStyle style) {
            super(tag, true, value, null, null, style);
            this.at = at;
        }

        @Override
        public Mark getStartMark() {
            return markOf(at);
        }

        @Override
        public Mark getEndMark() {
            return markOf(at);
        }
    }

    static final class Sequence extends SequenceNode {
        private final long at;

        Sequence(Tag tag, List<Node> value, long at, FlowStyle style) {
            super(tag, true, value, null, null, style);
            this.at = at;
        }

        @Override
        public Mark getStartMark() {
            return markOf(at);
        }

        @Override
        public Mark getEndMark() {
            return markOf(at);
        }
    }

    private int column() {
        return pos - lineStart;
    }

    private static int column(Node node) {
        return (int) ((Scalar) node).at;
    }

    private boolean at(char c) {
        return pos < n && s[pos] == c;
    }

    private boolean blankOrEnd(int i) {
        return i >= n || s[i] == ' ' || s[i] == '\n';
    }

    private boolean isSequenceEntry() {
        return pos < n && s[pos] == '-' && blankOrEnd(pos + 1);
    }

    private void skipSpaces() {
        while (pos < n && s[pos] == ' ') {
            pos++;
        }
    }

    /** At a line break, the end of the text, or a comment (which needs a space before it). */
    private boolean atLineEnd() {
        return pos >= n || s[pos] == '\n' || s[pos] == '#' && (pos == lineStart || s[pos - 1] == ' ');
    }

    /** Past the rest of the line, which may hold only spaces and a comment. */
    private void endLine() {
        skipSpaces();
        if (!atLineEnd()) {
            throw out();
        }
        while (pos < n && s[pos] != '\n') {
            pos++;
        }
        if (pos < n) {
            pos++;
            line++;
            lineStart = pos;
        }
    }

    /**
     * To the first character of the next line with content (blank and comment-only lines are skipped),
     * or to the end of the text. Document markers and directives at column 0 give up.
     */
    private void nextContent() {
        while (pos < n) {
            if (pos == holeStart) {
                holeStart = -1;
                line += holeLines;
                continue;
            }
            skipSpaces();
            if (pos >= n) {
                return;
            }
            char c = s[pos];
            if (c == '\n' || c == '#') {
                while (pos < n && s[pos] != '\n') {
                    pos++;
                }
                if (pos < n) {
                    pos++;
                    line++;
                    lineStart = pos;
                }
                continue;
            }
            if (pos == lineStart && (c == '%' || startsWith("---") || startsWith("..."))) {
                throw out();
            }
            return;
        }
    }

    private boolean startsWith(String marker) {
        return pos + marker.length() <= n && new String(s, pos, marker.length()).equals(marker);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw out();
        }
    }

    private void leave() {
        depth--;
    }
}
