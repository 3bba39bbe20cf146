package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A dry run's gate forgives master-down only for masters a dry failover would have moved. */
class DryRunGateTest {
    private final List<String> said = new ArrayList<>();
    private final DryRunFailover failovers = new DryRunFailover(said::add);
    private final Gate live = (step, down) -> GateVerdict.blocked(List.of(
            diagnostic("master-down", "cache@app1:6379"), diagnostic("replica-sync", "cache@app2:6379")));
    private final DryRunGate gate = new DryRunGate(live, failovers);
    private final Step app1 = Fixtures.maintain("b", "app1");

    private static Diagnostic diagnostic(String rule, String subject) {
        return new Diagnostic(Position.NONE, Severity.ERROR, rule, List.of("b"), subject, rule + " on " + subject, null);
    }

    @Test
    void beforeAnyDryFailoverEveryBlockerStands() {
        assertThat(gate.check(app1, Set.of()).blockers()).extracting(Diagnostic::rule)
                .containsExactly("master-down", "replica-sync");
    }

    @Test
    void afterADryFailoverOfTheServiceOnlyMasterDownIsDropped() {
        Step f = Fixtures.failover("f");
        failovers.failover(f, (StepAction.Failover) f.action(), null, line -> { });
        assertThat(gate.check(app1, Set.of()).blockers()).extracting(Diagnostic::rule).containsExactly("replica-sync");
    }

    @Test
    void aVerdictOfNoBlockersIsSafeAndOfSomeIsBlocked() {
        assertThat(GateVerdict.of(List.of()).isSafe()).isTrue();
        GateVerdict blocked = GateVerdict.of(List.of(diagnostic("master-down", "cache@app1:6379")));
        assertThat(blocked.isSafe()).isFalse();
        assertThat(blocked.blockers()).extracting(Diagnostic::rule).containsExactly("master-down");
    }
}
