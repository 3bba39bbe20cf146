package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many steps over one host: the overlap rule reports one pair per later step in full and counts the
 * rest (a 3,000-step plan has 4.5 million pairs), and a chain of steps is not looked at pair by pair.
 * The counts must stay exact: "and N more sets of steps" is what tells the operator how far off the plan is.
 */
class OverlapScaleTest {
    private static Fixture hosts(Fixture f) {
        f.host("h1", "dc1").host("h2", "dc2");
        f.app("web", 0, "h1", "h2");
        return f;
    }

    @Test
    void unorderedStepsOverOneHostCountEveryPairOnce() {
        Fixture f = hosts(Fixture.graph());
        for (int i = 0; i < 40; i++) {
            f.maintain("s" + i, "h1");
        }
        List<Diagnostic> overlap = f.check().stream().filter(d -> d.rule().equals("overlap")).toList();
        assertThat(overlap).singleElement().satisfies(d -> {
            assertThat(d.steps()).containsExactly("s0", "s1");
            // 40 * 39 / 2 = 780 pairs: one shown, 779 counted
            assertThat(d.message()).endsWith("(and 779 more sets of steps like it)");
        });
    }

    @Test
    void aPartlyOrderedPlanCountsOnlyThePairsThatMayOverlap() {
        Fixture f = hosts(Fixture.graph());
        f.maintain("a", "h1").maintain("b", "h1", "a").maintain("c", "h1").maintain("d", "h1", "c");
        // a<b, c<d; overlapping pairs: a-c, a-d, b-c, b-d
        List<Diagnostic> overlap = f.check().stream().filter(d -> d.rule().equals("overlap")).toList();
        assertThat(overlap).singleElement().satisfies(d -> assertThat(d.message()).endsWith("(and 3 more sets of steps like it)"));
    }

    @Test
    void aLongChainOverOneHostIsSafe() {
        Fixture f = hosts(Fixture.sequence());
        for (int i = 0; i < 5000; i++) {
            f.maintain("s" + i, "h1");
        }
        assertThat(f.errors()).isEmpty();
    }
}
