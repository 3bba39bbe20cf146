package dev.stagger.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Hooks;
import dev.stagger.model.Order;
import dev.stagger.model.Plan;
import dev.stagger.model.Position;
import dev.stagger.model.StaggerException;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepGraphTest {

    private static Step maintain(String id, String host, String... after) {
        return new Step(id, new StepAction.Maintain(List.of(Target.host(host))), List.of(after), Hooks.NONE,
                null, null, null, null, new Position("plan.yaml", 1, 5));
    }

    private static Step failover(String id, String... after) {
        return new Step(id, new StepAction.Failover("cache", Endpoint.of("app2", 6379), null), List.of(after),
                Hooks.NONE, null, null, null, null, new Position("plan.yaml", 2, 5));
    }

    private static StepGraph graph(Order order, Step... steps) {
        return StepGraph.of(new Plan("p", "plan.yaml", "inventory.yaml", order, List.of(steps)));
    }

    @Test
    void sequenceOrderChainsEveryStep() {
        StepGraph g = graph(Order.SEQUENCE, maintain("a", "h1"), maintain("b", "h2"), maintain("c", "h3"));
        assertThat(g.precedes(g.step("a"), g.step("c"))).isTrue();
        assertThat(g.mayOverlap(g.step("a"), g.step("b"))).isFalse();
        assertThat(g.waves()).isEqualTo(3);
    }

    @Test
    void graphOrderOrdersOnlyByAfter() {
        StepGraph g = graph(Order.GRAPH, maintain("a", "h1"), maintain("b", "h2"), maintain("c", "h3", "a"));
        assertThat(g.mayOverlap(g.step("a"), g.step("b"))).isTrue();
        assertThat(g.mayOverlap(g.step("b"), g.step("c"))).isTrue();
        assertThat(g.precedes(g.step("a"), g.step("c"))).isTrue();
        assertThat(g.mayOverlapWith(g.step("b"))).extracting(Step::id).containsExactly("a", "c");
        assertThat(g.ancestorsOf(g.step("c"))).extracting(Step::id).containsExactly("a");
        assertThat(g.waves()).isEqualTo(2);
    }

    @Test
    void failoversDoNotCountAsWaves() {
        StepGraph g = graph(Order.SEQUENCE, maintain("a", "h2"), failover("f"), maintain("b", "h1"));
        assertThat(g.waves()).isEqualTo(2);
    }

    @Test
    void topologicalOrderBreaksTiesByTheOrderWritten() {
        StepGraph g = graph(Order.GRAPH, maintain("z", "h1", "y"), maintain("x", "h2"), maintain("y", "h3"));
        assertThat(g.steps()).extracting(Step::id).containsExactly("x", "y", "z");
    }

    @Test
    void aCycleIsExitTwoNamingEveryStepOnIt() {
        assertThatThrownBy(() -> graph(Order.GRAPH,
                maintain("a", "h1", "c"), maintain("b", "h2", "a"), maintain("c", "h3", "b"), maintain("d", "h4")))
                .isInstanceOfSatisfying(StaggerException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                    assertThat(e.diagnostics()).hasSize(1);
                    Diagnostic d = e.diagnostics().get(0);
                    assertThat(d.steps()).containsExactly("a", "b", "c");
                    assertThat(d.message()).contains("a, b, c").contains("cycle");
                    assertThat(d.position().line()).isPositive();
                });
    }

    @Test
    void anAfterPointingForwardInSequenceOrderIsACycle() {
        assertThatThrownBy(() -> graph(Order.SEQUENCE, maintain("a", "h1", "b"), maintain("b", "h2")))
                .isInstanceOfSatisfying(StaggerException.class,
                        e -> assertThat(e.diagnostics().get(0).message()).contains("sequence order"));
    }

    @Test
    void aLongChainStaysCheap() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            steps.add(maintain("s" + i, "h" + i));
        }
        StepGraph g = StepGraph.of(new Plan("p", "plan.yaml", null, Order.SEQUENCE, steps));
        assertThat(g.waves()).isEqualTo(5000);
        assertThat(g.precedes(g.step("s0"), g.step("s4999"))).isTrue();
    }
}
