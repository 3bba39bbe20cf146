package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuppressionsTest {
    private static final List<String> RULES = List.of("min-healthy", "cluster-dc-majority", "overlap");
    private static final String PLAN = """
            plan: p
            steps:
              - id: one  # stagger: allow overlap -- one and two share a host on purpose
                maintain: [h1]
              - maintain: [h2]  # stagger: allow min-healthy, overlap -- the pool is drained first
                after: one
              - id: roll
                rolling: "h*"
            """;

    /** Steps as the loader positions them: at the first key of the step's mapping. */
    private static final List<Step> STEPS = List.of(step("one", 3), step("step-2", 5), step("roll/h1", 7),
            step("roll/h2", 7));

    @Test
    void aSuppressionOnAnIdLineOrOnAFirstLineCoversThatStep() {
        List<Suppressions.Suppression> found = Suppressions.find(PLAN, "p.yaml", STEPS, RULES);
        assertThat(found).extracting(Suppressions.Suppression::rule, Suppressions.Suppression::steps,
                        Suppressions.Suppression::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("overlap", List.of("one"),
                                "one and two share a host on purpose"),
                        org.assertj.core.groups.Tuple.tuple("min-healthy", List.of("step-2"), "the pool is drained first"),
                        org.assertj.core.groups.Tuple.tuple("overlap", List.of("step-2"), "the pool is drained first"));
    }

    @Test
    void itCoversFindingsOfItsRuleThatInvolveItsStepAndInventoryWideOnes() {
        Suppressions.Suppression s = new Suppressions.Suppression("overlap", "why", List.of("roll/h1", "roll/h2"),
                new Position("p.yaml", 7, 12));
        assertThat(s.covers(finding("overlap", "one", "roll/h2"))).isTrue();
        assertThat(s.covers(finding("overlap", "one", "step-2"))).isFalse();
        assertThat(s.covers(finding("min-healthy", "roll/h1"))).isFalse();
        assertThat(s.covers(finding("overlap"))).as("a finding about the inventory, on no step").isTrue();
    }

    @Test
    void aPlanWithoutSuppressionsIsNotScanned() {
        assertThat(Suppressions.find("plan: p\nsteps: []\n", "p.yaml", List.of(), RULES)).isEmpty();
    }

    @Test
    void badSuppressionsAreInputErrorsAtTheirLineAndColumn() {
        String plan = """
                plan: p
                steps:
                  - id: one  # stagger: allow overlap
                    maintain: [h1]  # stagger: allow overlap -- not on the step's id line
                  - id: two  # stagger: alow overlap -- typo in the verb
                    maintain: [h2]
                  - id: three  # stagger: allow cluster-dc-majorty -- dc1 holds every master
                    maintain: [h3]
                  - id: four  # stagger: allow overlap --   \s
                    maintain: [h4]
                """;
        List<Step> steps = List.of(step("one", 3), step("two", 5), step("three", 7), step("four", 9));
        assertThatThrownBy(() -> Suppressions.find(plan, "p.yaml", steps, RULES))
                .isInstanceOfSatisfying(StaggerException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.diagnostics()).extracting(Diagnostic::render).containsExactly(
                            "p.yaml:3:14: error: the suppression of overlap gives no reason: write"
                                    + " `# stagger: allow RULE -- reason` so the next reviewer knows why it is accepted",
                            "p.yaml:4:21: error: a suppression belongs on a step's `id:` line (or on the step's first"
                                    + " line when it has no id); this line starts no step",
                            "p.yaml:5:14: error: not a suppression stagger understands: write"
                                    + " `# stagger: allow RULE -- reason`",
                            "p.yaml:7:33: error: unknown rule `cluster-dc-majorty`; did you mean `cluster-dc-majority`?",
                            "p.yaml:9:15: error: the suppression of overlap gives no reason: write"
                                    + " `# stagger: allow RULE -- reason` so the next reviewer knows why it is accepted");
                });
    }

    private static Step step(String id, int line) {
        return new Step(id, null, List.of(), null, null, null, null, null, new Position("p.yaml", line, 5));
    }

    private static Diagnostic finding(String rule, String... steps) {
        return new Diagnostic(new Position("p.yaml", 3, 5), Severity.ERROR, rule, List.of(steps), null, "m", null);
    }
}
