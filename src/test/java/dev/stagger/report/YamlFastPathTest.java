package dev.stagger.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.YamlText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scalar checks agree with the regular expressions they replace (a 50,000-host plan
 * writes a few hundred thousand scalars and comments): every string of up to four characters over an
 * alphabet holding each character class's edges, quoting characters and non-ASCII ones.
 */
class YamlFastPathTest {
    private static final String ALPHABET = "aZ09_./@:+-,;()' #\"\t\n\u00e9\u202e\u007f\u2028\\?[";

    @Test
    void plainScalarsAndCommentsAreDecidedAsByTheRegularExpressions() {
        List<String> strings = new ArrayList<>(List.of("", "null", "Yes", "off", "a:", "x: y", "a #b", "web01",
                "all/dc1-h00001", "failover-cache00001", "dc3-h07281:6379"));
        grow(strings, "", 4);
        int checked = 0;
        for (String s : strings) {
            assertThat(Yaml.plainFlow(s)).as("flow %s", YamlText.quoted(s)).isEqualTo(Yaml.matchesRegex(s, true));
            assertThat(Yaml.plainBlock(s)).as("block %s", YamlText.quoted(s)).isEqualTo(Yaml.matchesRegex(s, false));
            assertThat(Yaml.comment(s)).as("comment %s", YamlText.quoted(s)).isEqualTo(YamlText.comment(s));
            assertThat(appended(sb -> Yaml.appendBlock(sb, s))).as("appendBlock %s", YamlText.quoted(s)).isEqualTo(block(s));
            assertThat(appended(sb -> Yaml.appendFlow(sb, s))).as("appendFlow %s", YamlText.quoted(s)).isEqualTo(flow(s));
            assertThat(appended(sb -> Yaml.appendComment(sb, s))).as("appendComment %s", YamlText.quoted(s))
                    .isEqualTo(YamlText.comment(s));
            checked++;
        }
        assertThat(checked).isGreaterThan(300_000);
    }

    /** A target's name ({@code service@host}) is decided as the whole name would be, without building it. */
    @Test
    void targetNamesAreDecidedAsTheWholeName() {
        List<String> services = new ArrayList<>(List.of("", "null", "on", "a:", "web01", "dc3-h07281"));
        List<String> hosts = new ArrayList<>(services);
        grow(services, "", 1);
        grow(hosts, "", 2);
        for (String service : services) {
            for (String host : hosts) {
                assertThat(appended(sb -> Yaml.appendFlowTarget(sb, service, host)))
                        .as("%s @ %s", YamlText.quoted(service), YamlText.quoted(host)).isEqualTo(flow(service + "@" + host));
            }
        }
        for (String host : hosts) {
            assertThat(appended(sb -> Yaml.appendFlowTarget(sb, null, host))).isEqualTo(flow(host));
        }
    }

    /** The reference: the regular expressions and the checks as first written. */
    private static String block(String s) {
        return Yaml.matchesRegex(s, false) && !s.contains(": ") && !s.contains(" #") && !keyword(s) ? s : YamlText.quoted(s);
    }

    private static String flow(String s) {
        return Yaml.matchesRegex(s, true) && !keyword(s) ? s : YamlText.quoted(s);
    }

    private static boolean keyword(String s) {
        return List.of("true", "false", "yes", "no", "on", "off", "null", "y", "n").contains(s.toLowerCase(java.util.Locale.ROOT))
                || s.endsWith(":");
    }

    private static String appended(java.util.function.Consumer<StringBuilder> append) {
        StringBuilder sb = new StringBuilder("x");
        append.accept(sb);
        return sb.substring(1);
    }

    private static void grow(List<String> out, String prefix, int left) {
        if (left == 0) {
            return;
        }
        for (int i = 0; i < ALPHABET.length(); i++) {
            String s = prefix + ALPHABET.charAt(i);
            out.add(s);
            grow(out, s, left - 1);
        }
    }
}
