package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** validate --live: an out-of-sync replica blocks only where a step of the plan needs it. */
class ReplicaSyncScopeTest {
    private static final String R3 = "cache@r3:6379";
    private static final Diagnostic R3_CLUSTER_WIDE = new Diagnostic(Position.of("inventory.yaml"), Severity.ERROR,
            "replica-sync", List.of(), R3, R3 + " is not in sync: master_link_status:down", "wait until " + R3 + " ...");

    private static Diagnostic gate(String rule, String step, String subject, String message) {
        return new Diagnostic(new Position("plan.yaml", 4, 5), Severity.ERROR, rule, List.of(step), subject, message, "fix");
    }

    @Test
    void aReplicaNoStepNeedsIsAWarningThatSaysWhyItStillMatters() {
        List<Diagnostic> out = ReplicaSyncScope.apply(List.of(R3_CLUSTER_WIDE), List.of());
        assertThat(out).singleElement().satisfies(d -> {
            assertThat(d.severity()).isEqualTo(Severity.WARNING);
            assertThat(d.rule()).isEqualTo("replica-sync");
            assertThat(d.subject()).isEqualTo(R3);
            assertThat(d.message()).startsWith(R3_CLUSTER_WIDE.message()).contains("run will not stop for it")
                    .contains("cache has one copy fewer");
            assertThat(d.fix()).isEqualTo(R3_CLUSTER_WIDE.fix());
        });
    }

    @Test
    void aReplicaAStepNeedsInSyncIsThatStepsError() {
        Diagnostic needed = gate("replica-sync", "r2-kernel", R3, R3 + " is not in sync: master_link_status:down; it must be in sync");
        List<Diagnostic> out = ReplicaSyncScope.apply(List.of(R3_CLUSTER_WIDE), List.of(needed));
        assertThat(out).containsExactly(needed);
    }

    @Test
    void aReplicaWithoutWhichAFailoverHasNoTargetIsAnErrorNamingTheStep() {
        Diagnostic noTarget = gate("no-failover-target", "switch", "cache", "no replica of cache ...");
        List<Diagnostic> out = ReplicaSyncScope.apply(List.of(R3_CLUSTER_WIDE), List.of(noTarget));
        assertThat(out).hasSize(2).contains(noTarget);
        assertThat(out.get(0)).satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.steps()).containsExactly("switch");
            assertThat(d.message()).contains("switch has no replica to fail over to without it");
        });
    }

    @Test
    void aNoTargetInAnotherServiceDoesNotMakeTheReplicaNeeded() {
        Diagnostic noTarget = gate("no-failover-target", "switch", "sessions", "no replica of sessions ...");
        assertThat(ReplicaSyncScope.apply(List.of(R3_CLUSTER_WIDE), List.of(noTarget)).get(0).severity())
                .isEqualTo(Severity.WARNING);
    }

    @Test
    void theSameGateFindingAtSeveralStepsIsOneFindingNamingEveryStep() {
        Diagnostic a = gate("persistence", "s1", "cache@r1:6379", "bgsave");
        Diagnostic b = gate("persistence", "s2", "cache@r1:6379", "bgsave");
        Diagnostic other = new Diagnostic(Position.of("inventory.yaml"), Severity.ERROR, "unreachable", List.of(),
                "cache@r2:6379", "down", "fix");
        List<Diagnostic> out = ReplicaSyncScope.apply(List.of(other), List.of(a, b));
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(other);
        assertThat(out.get(1).steps()).containsExactly("s1", "s2");
    }
}
