package dev.stagger.run;

import static dev.stagger.run.Fixtures.failover;
import static dev.stagger.run.Fixtures.graph;
import static dev.stagger.run.Fixtures.maintain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Order;
import dev.stagger.model.Position;
import dev.stagger.model.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code run --dry-run} exits 1 when a real run would halt at a gate, listing each; 0 only when every gate passed. */
class DryRunExitTest {
    private final RecordingProgress progress = new RecordingProgress();
    private final List<String> said = new ArrayList<>();
    private final StepGraph plan = graph(Order.SEQUENCE, failover("f"), maintain("a", "app1"), maintain("b", "app2"));

    private RunOutcome dryRun(Gate gate) {
        DryRunFailover failovers = new DryRunFailover(said::add);
        Executor ex = new Executor(new RunDeps(Fixtures.inventory(), gate, failovers, new DryRunProbe(),
                new DryRunHookRunner(said::add), Journal.inMemory(), progress), Fixtures.fast().withDryRun(true));
        return ex.run(plan, JournalState.fresh(), "h");
    }

    @Test
    void everyGatePassedExitsZero() {
        RunOutcome out = dryRun(Gate.ALWAYS_SAFE);
        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(progress.text()).doesNotContain("would halt", "would wait at");
    }

    @Test
    void aGateThatWouldBlockExitsOneAndTheSummaryNamesStepRuleMessageAndFix() {
        Gate gate = (step, down) -> step.id().equals("b")
                ? GateVerdict.blocked(List.of(new Diagnostic(Position.NONE, Severity.ERROR, "persistence", List.of("b"),
                        "cache@app2:6379", "cache@app2:6379 is writing an RDB snapshot (rdb_bgsave_in_progress:1)",
                        "wait for the BGSAVE to finish")))
                : GateVerdict.safe();
        RunOutcome out = dryRun(gate);
        assertThat(out.exitCode()).isEqualTo(ExitCode.UNSAFE);
        assertThat(out.message()).contains("a real run would halt at a safety gate now");
        assertThat(progress.text())
                .contains("a real run would wait at 1 safety gate(s) now")
                .contains("step 3 of 3 b: persistence: cache@app2:6379 is writing an RDB snapshot (rdb_bgsave_in_progress:1)"
                        + " (fix: wait for the BGSAVE to finish)");
        assertThat(said).as("the dry run still goes through every step").anyMatch(s -> s.contains("hook for app2"));
    }
}
