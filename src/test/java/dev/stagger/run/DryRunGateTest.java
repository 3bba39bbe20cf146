package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A dry run's gate and targets are judged on the cluster as its failovers so far would have left it:
 * the moves are handed to the live side, and what it says stands (nothing is forgiven by rule name).
 */
class DryRunGateTest {
    private final List<String> said = new ArrayList<>();
    private final List<List<DryRunMove>> seen = new ArrayList<>();
    private final DryRunCluster cluster = new DryRunCluster() {
        @Override
        public GateVerdict check(Step step, Set<Instance> downNow, List<DryRunMove> moves) {
            seen.add(moves);
            // The simulated cluster: app1 is master until a move takes it elsewhere.
            String master = moves.isEmpty() ? "app1" : moves.get(moves.size() - 1).newMaster().host();
            return !master.equals("app1") ? GateVerdict.safe() : GateVerdict.blocked(List.of(diagnostic("master-down", "cache@app1:6379")));
        }

        @Override
        public Endpoint failoverTarget(Step step, StepAction.Failover failover, List<DryRunMove> moves,
                                           java.util.Set<dev.stagger.model.Instance> downNow) {
            return moves.isEmpty() ? Endpoint.of("app2", 6379) : Endpoint.of("app1", 6379);
        }
    };
    private final DryRunFailover failovers = new DryRunFailover(said::add, cluster);
    private final DryRunGate gate = new DryRunGate(cluster, failovers);
    private final Step app1 = Fixtures.maintain("b", "app1");

    private static Diagnostic diagnostic(String rule, String subject) {
        return new Diagnostic(Position.NONE, Severity.ERROR, rule, List.of("b"), subject, rule + " on " + subject, null);
    }

    private void dryFailover(String id) {
        Step f = new Step(id, new StepAction.Failover("cache", null, null), List.of(), dev.stagger.model.Hooks.NONE,
                null, null, null, null, Position.NONE);
        StepAction.Failover action = (StepAction.Failover) f.action();
        failovers.failover(f, action, failovers.target(f, action, java.util.Set.of()), line -> { });
    }

    @Test
    void beforeAnyDryFailoverTheGateSeesTheClusterAsProbed() {
        assertThat(gate.check(app1, Set.of()).blockers()).extracting(Diagnostic::rule).containsExactly("master-down");
        assertThat(seen).containsExactly(List.of());
    }

    @Test
    void eachDryFailoverIsHandedOnInOrderAndTargetsAreResolvedOnTheMovedCluster() {
        dryFailover("f1");
        assertThat(gate.check(app1, Set.of()).isSafe()).isTrue();
        dryFailover("f2");
        assertThat(gate.check(app1, Set.of()).isSafe()).as("moved back to app1").isFalse();
        assertThat(seen.get(1)).containsExactly(new DryRunMove("cache", Endpoint.of("app2", 6379)),
                new DryRunMove("cache", Endpoint.of("app1", 6379)));
        assertThat(said).anyMatch(s -> s.startsWith("would fail cache over to app2:6379"))
                .anyMatch(s -> s.startsWith("would fail cache over to app1:6379"));
    }

    @Test
    void aVerdictOfNoBlockersIsSafeAndOfSomeIsBlocked() {
        assertThat(GateVerdict.of(List.of()).isSafe()).isTrue();
        GateVerdict blocked = GateVerdict.of(List.of(diagnostic("master-down", "cache@app1:6379")));
        assertThat(blocked.isSafe()).isFalse();
        assertThat(blocked.blockers()).extracting(Diagnostic::rule).containsExactly("master-down");
    }
}
