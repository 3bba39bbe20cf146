package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code max-down-dcs} when its search runs out of budget: the plan is refused, never passed. */
class MaxDownDcsBudgetTest {

    /** dc1 and dc2 may overlap; dc3 comes after both: at most 2 DCs at once, which takes a search to show. */
    private static Fixture safeButSearched() {
        return Fixture.graph().host("a", "dc1").host("b", "dc2").host("c", "dc3").host("d", "dc4")
                .app("edge", 1, "a", "b", "c", "d").maxDownDcs(2)
                .maintain("x", "a").maintain("y", "b").maintain("z", "c", "x", "y");
    }

    private static List<Diagnostic> check(Fixture f, int budget) {
        Poset poset = new Poset(f.stepGraph());
        var inventory = f.inventory();
        Downtime downtime = new Downtime(inventory, poset);
        Context ctx = new Context(inventory, poset, downtime, new Masters(inventory, poset),
                new Findings(poset, Checker.ruleIds()));
        MaxDownDcsRule.check(ctx, budget);
        return ctx.findings().diagnostics();
    }

    @Test
    void withEnoughBudgetTheSearchProvesThePolicyHolds() {
        assertThat(check(safeButSearched(), MaxDownDcsRule.BUDGET)).isEmpty();
        assertThat(safeButSearched().errors()).isEmpty();
    }

    @Test
    void whenTheBudgetRunsOutThePlanIsRefusedSayingWhy() {
        List<Diagnostic> found = check(safeButSearched(), 1);
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.rule()).isEqualTo("max-down-dcs");
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).contains("could not prove within 1 search steps that at most 2 DCs")
                    .contains("3 DCs");
            assertThat(d.steps()).containsExactly("z");
            assertThat(d.fix()).contains("order the steps of different DCs explicitly");
        });
    }

    @Test
    void anUnsafePlanIsRefusedWhateverTheBudget() {
        Fixture unsafe = Fixture.graph().host("a", "dc1").host("b", "dc2").host("c", "dc3")
                .app("edge", 1, "a", "b", "c").maxDownDcs(2)
                .maintain("x", "a").maintain("y", "b").maintain("z", "c");
        for (int budget : new int[] {1, 2, 3, MaxDownDcsRule.BUDGET}) {
            assertThat(check(unsafe, budget)).as("budget %s", budget).extracting(Diagnostic::rule)
                    .containsExactly("max-down-dcs");
        }
    }
}
