package dev.stagger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.bench.DcFleet;
import dev.stagger.bench.FleetGenerator;
import dev.stagger.model.LoadedPlan;
import dev.stagger.model.Plan;
import dev.stagger.model.Step;
import dev.stagger.plan.Edge;
import dev.stagger.plan.PlanOptions;
import dev.stagger.plan.PlanResult;
import dev.stagger.plan.Planner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A large plan's steps are formatted on two cores and joined in order: the text must be the one
 * written on one core, byte for byte, to a Writer and to a StringBuilder alike, whatever the part
 * size (wave headers fall at part boundaries, inside parts, or in a part of their own).
 */
class PlanYamlTwoCoresTest {

    static Stream<Arguments> largePlans() {
        return Stream.of(
                Arguments.of("generic 2500 hosts", planned(FleetGenerator.generate(2500))),
                Arguments.of("3 DCs x 700, masters everywhere", planned(DcFleet.generate(3, 700, 1, true))),
                Arguments.of("4 DCs x 500, masters outside one DC", planned(DcFleet.generate(4, 500, 2, false))));
    }

    private static PlanResult planned(LoadedPlan fleet) {
        return Planner.plan(fleet, PlanOptions.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largePlans")
    void twoCoresWriteTheTextOfOne(String name, PlanResult r) throws IOException {
        // The default path takes two cores on this plan.
        assertThat(r.plan().steps().size()).isGreaterThanOrEqualTo(PlanYamlWriter.TWO_CORES_FROM);
        String one = oneCore(r);
        assertThat(one).contains("  # wave 2: ");
        assertThat(PlanYamlWriter.render(r, "inventory.yaml")).isEqualTo(one);
        StringWriter w = new StringWriter();
        PlanYamlWriter.write(r, "inventory.yaml", w);
        assertThat(w.toString()).isEqualTo(one);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlanYamlWriter.write(r, "inventory.yaml", bytes);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(one);
        for (int perPart : new int[] {1, 7, 333, 1000, r.plan().steps().size()}) {
            assertThat(twoCores(r, perPart)).as("parts of %d steps", perPart).isEqualTo(one);
        }
    }

    /** Notes beyond ASCII (accents, a character outside the BMP, one escaped): UTF-8 bytes as a Writer would encode them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("largePlans")
    void textBeyondAsciiIsTheSameOnTwoCores(String name, PlanResult r) throws IOException {
        List<Step> steps = new ArrayList<>(r.plan().steps());
        String[] notes = {"caf\u00e9 \u2615", "\ud83d\ude80 launch", "bidi \u202e override", "plain note"};
        for (int i = 0; i < steps.size(); i += 97) {
            Step s = steps.get(i);
            steps.set(i, new Step(s.id(), s.action(), s.after(), s.hooks(), s.minReady(), s.readyTimeout(),
                    notes[i % notes.length], s.rollingGroup(), s.position(), s.hookTimeout()));
        }
        PlanResult noted = withSteps(r, steps, r.addedEdges());
        String one = oneCore(noted);
        assertThat(one).contains("caf\u00e9").contains("\ud83d\ude80");
        for (int perPart : new int[] {1, 50, 1000}) {
            assertThat(twoCores(noted, perPart)).as("parts of %d steps", perPart).isEqualTo(one);
        }
    }

    /**
     * Wave headers depend on every step before: with waves given at random (out of order, missing,
     * out of range), a header goes above a step exactly when the one-core text has it there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("largePlans")
    void waveHeadersGoWhereOneCorePutsThem(String name, PlanResult r) throws IOException {
        Random random = new Random(name.hashCode());
        int waves = r.waveList().size();
        for (int sample = 0; sample < 10; sample++) {
            Map<String, Integer> waveOf = new HashMap<>();
            for (Step s : r.plan().steps()) {
                int roll = random.nextInt(10 * (sample + 1));
                if (roll < waves + 2) {
                    waveOf.put(s.id(), roll - 1);
                }
            }
            PlanResult shuffled = withWaves(r, waveOf);
            String one = oneCore(shuffled);
            int perPart = 1 + random.nextInt(50);
            assertThat(twoCores(shuffled, perPart)).as("sample %d, parts of %d steps", sample, perPart).isEqualTo(one);
        }
    }

    /**
     * What formatting a step throws is thrown as on one core, whichever thread formatted it, after
     * the parts before it are handed over and none after: never a cut text that looks complete.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("largePlans")
    void aFailureInAPartIsThrownAsOnOneCore(String name, PlanResult r) throws IOException {
        String whole = oneCore(r);
        List<Step> steps = r.plan().steps();
        for (int failing : new int[] {0, steps.size() / 2, steps.size() - 1}) {
            PlanResult broken = failingAt(r, steps.get(failing));
            assertThatThrownBy(() -> oneCore(broken)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("cannot format " + steps.get(failing).id());
            StringBuilder sb = new StringBuilder();
            assertThatThrownBy(() -> PlanYamlWriter.writeChecked(broken, "inventory.yaml", YamlOutput.of(sb), 0, 100))
                    .isInstanceOf(IllegalStateException.class).hasMessage("cannot format " + steps.get(failing).id());
            assertThat(whole).startsWith(sb.toString());
            assertThat(sb.toString()).doesNotContain("  - id: " + steps.get(failing).id() + "\n");
            if (failing > 200) {
                assertThat(sb.toString()).contains("  - id: " + steps.get(failing / 100 * 100 - 1).id() + "\n");
            }
        }
    }

    /**
     * Edges are grouped by reason, a few without a map and many through one, both as the grouping
     * spelt out plainly ({@link #grouped}: first reason first, edges in written order, written edges
     * before added ones), on every step of the plan and on steps given many edges with reasons
     * repeated at random.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("largePlans")
    void afterListsAreGroupedAsByTheMap(String name, PlanResult r) {
        StepsYaml yaml = new StepsYaml(r);
        for (Step s : r.plan().steps()) {
            assertThat(after(yaml, s, Integer.MAX_VALUE)).isEqualTo(after(yaml, s, 0)).isEqualTo(grouped(r, s));
        }
        Random random = new Random(name.hashCode());
        List<Step> steps = r.plan().steps();
        for (int sample = 0; sample < 300; sample++) {
            Step s = steps.get(random.nextInt(steps.size()));
            List<String> after = new ArrayList<>();
            Map<Edge, String> edges = new HashMap<>();
            int count = 1 + random.nextInt(StepsYaml.SMALL_AFTER);
            for (int i = 0; i < count; i++) {
                String from = steps.get(random.nextInt(steps.size())).id();
                if (after.contains(from) || from.equals(s.id())) {
                    continue;
                }
                after.add(from);
                int reason = random.nextInt(4);
                if (reason > 0) {
                    edges.put(new Edge(from, s.id()), "reason " + reason);
                }
            }
            if (after.isEmpty()) {
                continue;
            }
            Step many = new Step(s.id(), s.action(), after, s.hooks(), s.minReady(), s.readyTimeout(), s.note(),
                    s.rollingGroup(), s.position(), s.hookTimeout());
            PlanResult withEdges = withSteps(r, steps, edges);
            StepsYaml changed = new StepsYaml(withEdges);
            assertThat(after(changed, many, Integer.MAX_VALUE)).as("sample %d", sample).isEqualTo(after(changed, many, 0))
                    .isEqualTo(grouped(withEdges, many));
        }
    }

    /** The grouping spelt out the plain way, with a map: what both ways of {@link StepsYaml#after} must write. */
    private static String grouped(PlanResult r, Step s) {
        if (s.after().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("    after:\n");
        Map<String, List<String>> byReason = new java.util.LinkedHashMap<>();
        for (String a : s.after()) {
            String why = r.reasonFor(a, s.id());
            if (why == null) {
                sb.append("      - ");
                Yaml.appendBlock(sb, a);
                sb.append('\n');
            } else {
                byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(a);
            }
        }
        byReason.forEach((why, from) -> {
            if (from.size() == 1) {
                sb.append("      - ");
                Yaml.appendBlock(sb, from.get(0));
                sb.append("  # added: ");
                Yaml.appendComment(sb, why);
                sb.append('\n');
                return;
            }
            sb.append("      # added, the ").append(from.size()).append(" below: ");
            Yaml.appendComment(sb, why);
            sb.append('\n');
            for (String a : from) {
                sb.append("      - ");
                Yaml.appendBlock(sb, a);
                sb.append('\n');
            }
        });
        return sb.toString();
    }

    private static String after(StepsYaml yaml, Step s, int smallAfter) {
        StringBuilder sb = new StringBuilder();
        if (!s.after().isEmpty()) {
            yaml.after(s, sb, smallAfter);
        }
        return sb.toString();
    }

    private static String oneCore(PlanResult r) throws IOException {
        StringBuilder sb = new StringBuilder();
        PlanYamlWriter.writeChecked(r, "inventory.yaml", YamlOutput.of(sb), Integer.MAX_VALUE, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlanYamlWriter.writeChecked(r, "inventory.yaml", YamlOutput.of(bytes), Integer.MAX_VALUE, 1);
        assertThat(bytes.toByteArray()).isEqualTo(sb.toString().getBytes(StandardCharsets.UTF_8));
        return sb.toString();
    }

    /** The text on two cores, the same to a Writer, a StringBuilder and (in UTF-8) an OutputStream. */
    private static String twoCores(PlanResult r, int perPart) throws IOException {
        StringWriter w = new StringWriter();
        PlanYamlWriter.writeChecked(r, "inventory.yaml", YamlOutput.of(w), 0, perPart);
        StringBuilder sb = new StringBuilder();
        PlanYamlWriter.writeChecked(r, "inventory.yaml", YamlOutput.of(sb), 0, perPart);
        assertThat(sb.toString()).isEqualTo(w.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlanYamlWriter.writeChecked(r, "inventory.yaml", YamlOutput.of(bytes), 0, perPart);
        assertThat(bytes.toByteArray()).isEqualTo(w.toString().getBytes(StandardCharsets.UTF_8));
        return w.toString();
    }

    private static PlanResult withWaves(PlanResult r, Map<String, Integer> waveOf) {
        return new PlanResult(r.plan(), r.addedEdges(), r.inserted(), waveOf, r.waves(), r.failovers(), r.bounds(),
                r.aboveBound(), r.refusal(), r.waveList(), r.writtenFailovers());
    }

    /** The plan, with looking up the reason of an edge into {@code step} failing. */
    private static PlanResult failingAt(PlanResult r, Step step) {
        Map<Edge, String> edges = new HashMap<>(r.addedEdges()) {
            @Override
            public String get(Object key) {
                if (((Edge) key).to().equals(step.id())) {
                    throw new IllegalStateException("cannot format " + step.id());
                }
                return super.get(key);
            }
        };
        List<Step> steps = r.plan().steps();
        // A step without edges cannot fail that way: give it one, to the step before it (or after, for the first).
        if (step.after().isEmpty()) {
            int i = steps.indexOf(step);
            String other = steps.get(i == 0 ? 1 : i - 1).id();
            Step withEdge = new Step(step.id(), step.action(), List.of(other), step.hooks(), step.minReady(),
                    step.readyTimeout(), step.note(), step.rollingGroup(), step.position(), step.hookTimeout());
            List<Step> changed = new ArrayList<>(steps);
            changed.set(i, withEdge);
            steps = changed;
        }
        return withSteps(r, steps, edges);
    }

    private static PlanResult withSteps(PlanResult r, List<Step> steps, Map<Edge, String> edges) {
        Plan p = r.plan();
        return new PlanResult(new Plan(p.name(), p.file(), p.inventoryPath(), p.order(), steps), edges, r.inserted(),
                r.waveOf(), r.waves(), r.failovers(), r.bounds(), r.aboveBound(), r.refusal(), r.waveList(),
                r.writtenFailovers());
    }
}
