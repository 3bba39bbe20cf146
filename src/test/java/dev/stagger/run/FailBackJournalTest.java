package dev.stagger.run;

import static dev.stagger.run.Fixtures.failover;
import static dev.stagger.run.Fixtures.graph;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Endpoint;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.Order;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failover that failed back (its new master refused writes) fails the step, exit 3, with the
 * failover's message; the journal records the fail-back and its actions; and a resume does not take
 * the step for half-done: it starts afresh, through its gate, instead of finishing the failover blindly.
 */
class FailBackJournalTest {
    private static final Endpoint OLD = Endpoint.of("app1", 6379);
    private static final Endpoint NEW = Endpoint.of("app2", 6379);

    private final Inventory inventory = Fixtures.inventory();
    private final FakeCluster cluster = new FakeCluster(inventory);
    private final Journal.InMemory journal = Journal.inMemory();
    private final RecordingProgress progress = new RecordingProgress();
    private final AtomicInteger gateChecks = new AtomicInteger();
    private final AtomicInteger failovers = new AtomicInteger();
    private final AtomicInteger alreadyDoneAsked = new AtomicInteger();

    private final Gate countingGate = (step, down) -> {
        gateChecks.incrementAndGet();
        return GateVerdict.safe();
    };

    private FailoverAction failingBack(boolean verified) {
        return new FailoverAction() {
            @Override
            public Endpoint target(Step step, StepAction.Failover action, java.util.Set<dev.stagger.model.Instance> downNow) {
                return NEW;
            }

            @Override
            public List<String> failover(Step step, StepAction.Failover action, Endpoint target, Consumer<String> say) {
                failovers.incrementAndGet();
                throw new FailedBack(step.id(), "failover", "failover to app2:6379: the new master refused writes"
                        + " (NOREPLICAS Not enough good replicas to write.); failed back to app1:6379 (verified, writes accepted)",
                        NEW, OLD, verified, "NOREPLICAS Not enough good replicas to write.",
                        List.of("SENTINEL FAILOVER cache sent to sentinel app1:26379"), null);
            }

            @Override
            public boolean alreadyDone(Step step, StepAction.Failover action, Endpoint target) {
                alreadyDoneAsked.incrementAndGet();
                return false;
            }
        };
    }

    private RunOutcome run(FailoverAction failover, JournalState state) {
        RunDeps deps = new RunDeps(inventory, countingGate, failover, new DryRunProbe(), cluster, journal, progress);
        return new Executor(deps, Fixtures.fast()).run(graph(Order.SEQUENCE, failover("failover-cache")), state, "sha256:test");
    }

    @Test
    void aFailBackFailsTheStepAndIsJournaled() {
        RunOutcome out = run(failingBack(true), JournalState.fresh());

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("run failed at step failover-cache (failover): failover to app2:6379:"
                + " the new master refused writes (NOREPLICAS", "failed back to app1:6379 (verified, writes accepted)");
        JournalEvent back = journal.events().stream().filter(e -> e.event().equals(Events.FAILED_BACK)).findFirst().orElseThrow();
        assertThat(back.step()).isEqualTo("failover-cache");
        assertThat(List.of(back.detail("from"), back.detail("to"), back.detail("result"), back.detail("refusal")))
                .containsExactly("app2:6379", "app1:6379", "verified", "NOREPLICAS Not enough good replicas to write.");
        assertThat(journal.events()).anyMatch(e -> e.event().equals(Events.FAILOVER_ACTION)
                && e.detail("action").equals("SENTINEL FAILOVER cache sent to sentinel app1:26379"));
    }

    @ParameterizedTest(name = "fail-back verified: {0}")
    @ValueSource(booleans = {true, false})
    void aResumeAfterAFailBackStartsTheStepAfreshThroughItsGate(boolean verified) {
        run(failingBack(verified), JournalState.fresh());
        JournalState state = JournalState.replay(journal.events());
        assertThat(state.progressOf("failover-cache")).as("not half-done after a fail-back (verified " + verified + ")").isNull();
        assertThat(state.completed()).isEmpty();

        int gatesBefore = gateChecks.get();
        RunOutcome resumed = run(new FakeFailover(), state);
        assertThat(resumed.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(gateChecks.get()).as("the step is gated again").isGreaterThan(gatesBefore);
        assertThat(alreadyDoneAsked).as("not finished blindly as an interrupted failover").hasValue(0);
    }
}
