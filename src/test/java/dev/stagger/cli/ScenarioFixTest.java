package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A fix is only worth printing if doing what it says makes the violation go away. For a sample of
 * scenarios, this reads each fix of one rule, does exactly what its words say to a copy of the
 * plan (the way an operator would, by editing the YAML), validates the copy, and asserts that the
 * rule is gone. A fix whose wording none of the edits below understands fails the test: new wording
 * must stay concrete.
 */
class ScenarioFixTest {
    private static final Pattern ORDER = Pattern.compile("order (\\S+) after (\\S+?)(?: \\(.*\\))?$");
    private static final Pattern OR_ORDER = Pattern.compile(".*, or order (\\S+) after (\\S+)$");
    private static final Pattern ADD_FAILOVER = Pattern.compile(
            "add a step `failover: (\\S+)`(?: with `shard: (\\S+)`)?(?: (?:with|and) `to: (\\S+)`)?"
                    + " (?:ordered before|after (\\S+) and before) (\\S+)");
    private static final Pattern ADD_START = Pattern.compile(
            "add a step `start: ([^`]+)` (?:ordered before (\\S+)|after (\\S+) and before (\\S+)|after \\S+).*");
    private static final Pattern PROMOTE = Pattern.compile("promote (\\S+) instead \\(`to: \\S+`\\)");
    private static final Pattern FAIL_OVER_BEFORE = Pattern.compile("fail (\\S+) over to a replica that is up before (\\S+) stops it");
    private static final Pattern ROLLING = Pattern.compile("run the hosts of \\S+ one at a time: .*use `order: sequence`.*");
    private static final Pattern REMOVE = Pattern.compile("remove (\\S+), or .*");
    private static final Pattern KEEP_UP = Pattern.compile("keep ([^:\\s]+):\\d+ up: .* taken down by (\\S+)");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("moscow-sequence-no-failover", "master-down"),
                Arguments.of("cluster-master-no-failover", "master-down"),
                Arguments.of("crowded-host-two-masters", "master-down"),
                Arguments.of("crowded-host-two-masters", "cluster-majority"),
                Arguments.of("cluster-two-masters-unordered", "cluster-majority"),
                Arguments.of("pools-75pct-two-unordered", "min-healthy"),
                Arguments.of("pools-diamond-unsafe", "min-healthy"),
                Arguments.of("pools-50pct-of-3", "min-healthy"),
                Arguments.of("pools-state-down-headroom", "min-healthy"),
                Arguments.of("moscow-failover-unordered", "master-down"),
                Arguments.of("moscow-failover-unordered", "overlap"),
                Arguments.of("moscow-two-failovers-unordered", "overlap"),
                Arguments.of("pools-same-instance-twice", "overlap"),
                Arguments.of("queue-requires-unordered", "requires"),
                Arguments.of("queue-requires-stopped-master", "requires"),
                Arguments.of("queue-requires-stopped-master", "master-down"),
                Arguments.of("edge-three-dcs", "max-down-dcs"),
                Arguments.of("moscow-dc3-outage", "max-down-dcs"),
                Arguments.of("moscow-dc3-outage", "failover-quorum"),
                Arguments.of("moscow-diamond", "failover-quorum"),
                Arguments.of("moscow-diamond", "max-down-dcs"),
                Arguments.of("five-sentinels-three-down", "failover-quorum"),
                Arguments.of("queue-failover-to-stopped-replica", "no-failover-target"),
                Arguments.of("cluster-shard-all-down", "master-down"),
                Arguments.of("moscow-stop-without-start", "left-down"),
                Arguments.of("moscow-declared-down-eats-headroom", "min-healthy"),
                Arguments.of("moscow-declared-down-eats-headroom", "failover-quorum"),
                Arguments.of("moscow-master-host-down-maintain-other", "requires"),
                Arguments.of("moscow-master-host-down-maintain-other", "max-down-dcs"),
                Arguments.of("moscow-instance-selector", "requires"),
                Arguments.of("cluster-requires-majority", "requires"),
                Arguments.of("moscow-failover-twice", "no-failover-target"),
                Arguments.of("moscow-stopped-arbiter-then-maintain", "failover-quorum"),
                Arguments.of("moscow-stopped-arbiter-then-maintain", "max-down-dcs"),
                Arguments.of("edge-stop-spans-dcs", "max-down-dcs"),
                Arguments.of("graph-stop-unordered", "min-healthy"),
                Arguments.of("moscow-diamond", "master-down"),
                Arguments.of("queue-failover-unordered-with-replica", "master-down"),
                Arguments.of("queue-failover-unordered-with-replica", "no-failover-target"),
                Arguments.of("moscow-failover-to-down-replica", "no-failover-target"),
                Arguments.of("pools-rolling-graph", "min-healthy"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void applyingTheSuggestedFixRemovesTheViolation(String scenario, String rule, @TempDir Path dir) throws IOException {
        Path original = ScenarioTest.ROOT.resolve(scenario).resolve("plan.yaml");
        CliResult before = CliResult.run("validate", original.toString(), "--format", "json");
        List<String> fixes = new ArrayList<>();
        for (Object v : ScenarioTest.violations(before)) {
            Map<?, ?> x = (Map<?, ?>) v;
            if (rule.equals(x.get("rule"))) {
                fixes.add((String) x.get("fix"));
            }
        }
        assertThat(fixes).as(before.toString()).isNotEmpty();

        List<String> lines = new ArrayList<>(Files.readAllLines(original));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("inventory:")) {
                String rel = lines.get(i).substring("inventory:".length()).trim();
                lines.set(i, "inventory: " + original.getParent().resolve(rel).toAbsolutePath().normalize());
            }
        }
        for (String fix : fixes) {
            apply(lines, fix);
        }
        Path copy = dir.resolve("plan.yaml");
        Files.write(copy, lines);

        CliResult after = CliResult.run("validate", copy.toString(), "--format", "json");
        assertThat(after.exitCode()).as("%s\nedited plan:\n%s", after, String.join("\n", lines)).isIn(0, 1);
        assertThat(ScenarioTest.rules(after, "error")).as("%s\nedited plan:\n%s", after, String.join("\n", lines))
                .doesNotContain(rule);
        assertThat(ScenarioTest.rules(after, "warning")).as("%s", after).doesNotContain(rule);
    }

    /** Does what the fix says, to the plan's lines. */
    private static void apply(List<String> lines, String fix) {
        if (fix.contains("; add a step ") && !fix.contains(", or ")) {
            for (String part : fix.split("; ")) {
                apply(lines, part);
            }
            return;
        }
        Matcher m;
        if ((m = OR_ORDER.matcher(fix)).matches() || (m = ORDER.matcher(fix)).matches()) {
            addAfter(lines, m.group(1), m.group(2));
        } else if ((m = ADD_FAILOVER.matcher(fix)).matches()) {
            List<String> step = new ArrayList<>(List.of("  - id: fix-" + lines.size(), "    failover: " + m.group(1)));
            if (m.group(2) != null) {
                step.add("    shard: " + m.group(2));
            }
            if (m.group(3) != null) {
                step.add("    to: " + m.group(3));
            }
            insertBefore(lines, m.group(5), step, m.group(4));
        } else if ((m = ADD_START.matcher(fix)).matches()) {
            List<String> step = List.of("  - id: fix-" + lines.size(), "    start: [" + m.group(1) + "]");
            if (m.group(2) != null) {
                insertBefore(lines, m.group(2), step);
            } else if (m.group(4) != null) {
                insertBefore(lines, m.group(4), step, m.group(3));
            } else {
                lines.addAll(step);
            }
        } else if ((m = PROMOTE.matcher(fix)).matches()) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().startsWith("to: ")) {
                    lines.set(i, lines.get(i).replaceFirst("to: \\S+", "to: " + m.group(1)));
                }
            }
        } else if ((m = FAIL_OVER_BEFORE.matcher(fix)).matches()) {
            insertBefore(lines, m.group(2), List.of("  - id: fix-" + lines.size(), "    failover: " + m.group(1)));
        } else if (ROLLING.matcher(fix).matches()) {
            lines.removeIf(l -> l.trim().equals("order: graph"));
        } else if ((m = REMOVE.matcher(fix)).matches()) {
            int at = stepLine(lines, m.group(1));
            lines.subList(at, stepEnd(lines, at)).clear();
        } else if ((m = KEEP_UP.matcher(fix)).matches()) {
            int at = stepLine(lines, m.group(2));
            for (int i = at; i < stepEnd(lines, at); i++) {
                lines.set(i, lines.get(i).replaceAll(",\\s*" + m.group(1) + "\\b", "").replaceAll("\\b" + m.group(1) + ",\\s*", ""));
            }
        } else {
            throw new AssertionError("a fix this test cannot apply (is it concrete?): " + fix);
        }
    }

    private static int stepLine(List<String> lines, String id) {
        Pattern p = Pattern.compile("\\s*- (\\{ )?id: " + Pattern.quote(id) + "\\b.*");
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        throw new AssertionError("no step " + id + " in\n" + String.join("\n", lines));
    }

    private static int stepEnd(List<String> lines, int at) {
        int i = at + 1;
        while (i < lines.size() && !lines.get(i).trim().startsWith("- ")) {
            i++;
        }
        return i;
    }

    /**
     * Inserts a new step before step {@code id}; in graph order (where position means nothing) it also
     * orders it: after {@code predecessor} if given, and {@code id} after it.
     */
    private static void insertBefore(List<String> lines, String id, List<String> step, String predecessor) {
        String newId = step.get(0).substring(step.get(0).indexOf("id: ") + 4).trim();
        List<String> body = new ArrayList<>(step);
        boolean graph = lines.stream().anyMatch(l -> l.trim().equals("order: graph"));
        if (graph && predecessor != null) {
            body.add("    after: [" + predecessor + "]");
        }
        lines.addAll(stepLine(lines, id), body);
        if (graph) {
            addAfter(lines, id, newId);
        }
    }

    private static void insertBefore(List<String> lines, String id, List<String> step) {
        insertBefore(lines, id, step, null);
    }

    private static void addAfter(List<String> lines, String id, String predecessor) {
        int at = stepLine(lines, id);
        String line = lines.get(at);
        if (line.contains("{")) {
            lines.set(at, line.contains("after: [") ? line.replace("after: [", "after: [" + predecessor + ", ")
                    : line.replaceFirst("\\s*}\\s*$", ", after: [" + predecessor + "] }"));
            return;
        }
        for (int i = at + 1; i < stepEnd(lines, at); i++) {
            if (lines.get(i).trim().startsWith("after: [")) {
                lines.set(i, lines.get(i).replace("after: [", "after: [" + predecessor + ", "));
                return;
            }
        }
        lines.add(at + 1, "    after: [" + predecessor + "]");
    }
}
