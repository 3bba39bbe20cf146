package dev.stagger.run;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Instance;
import dev.stagger.model.Step;
import java.util.List;
import java.util.Set;

/**
 * {@code --dry-run}'s gate: the live gate, minus what only the dry run itself causes. A dry run
 * moves no master, so after a dry {@code failover} the live master is still where it was, and the
 * next step's gate would report {@code master-down} although a real run would have moved it. Such
 * blockers are dropped for the services a dry failover has "moved"; every other rule stands.
 */
final class DryRunGate implements Gate {
    private final Gate live;
    private final DryRunFailover failovers;

    DryRunGate(Gate live, DryRunFailover failovers) {
        this.live = live;
        this.failovers = failovers;
    }

    @Override
    public GateVerdict check(Step step, Set<Instance> downNow) {
        GateVerdict verdict = live.check(step, downNow);
        if (verdict.isSafe()) {
            return verdict;
        }
        List<Diagnostic> kept = verdict.blockers().stream().filter(d -> !movedByDryFailover(d)).toList();
        return GateVerdict.of(kept);
    }

    private boolean movedByDryFailover(Diagnostic d) {
        if (!"master-down".equals(d.rule()) || d.subject() == null) {
            return false;
        }
        int at = d.subject().indexOf('@');
        return failovers.moved(at < 0 ? d.subject() : d.subject().substring(0, at));
    }
}
