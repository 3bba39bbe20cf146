package dev.stagger.run;

import static dev.stagger.run.Fixtures.failover;
import static dev.stagger.run.Fixtures.graph;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.AppService;
import dev.stagger.model.Defaults;
import dev.stagger.model.Endpoint;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.MinHealthy;
import dev.stagger.model.Order;
import dev.stagger.model.Position;
import dev.stagger.model.Service;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.WriteCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An app's {@code write_check} is part of the step's verification: health alone answering 200 is not
 * enough when the app cannot write (pinned to an old master that is now a read-only replica). Each
 * instance whose write check passed before the step must pass it again after it; one that failed it
 * before is not required to; a dry run says it would run it and runs nothing.
 */
class WriteCheckVerificationTest {
    private final Inventory inventory = inventoryWithWriteCheck(new WriteCheck.Http("http://ops:s3cret@{address}/w"));
    private final FakeCluster cluster = new FakeCluster(inventory);
    private final Journal.InMemory journal = Journal.inMemory();
    private final RecordingProgress progress = new RecordingProgress();
    /** What each instance's write check answers when it fails; absent: it passes. */
    private final Map<Instance, String> writeFails = new ConcurrentHashMap<>();
    private final AtomicInteger writeChecks = new AtomicInteger();

    /** Fixtures' cluster with api (app1..app3, 0.5 s ready_timeout) requiring cache, with a write check. */
    private static Inventory inventoryWithWriteCheck(WriteCheck check) {
        Inventory base = Fixtures.inventory();
        Map<String, Service> services = new LinkedHashMap<>(base.services());
        AppService api = (AppService) services.get("api");
        services.put("api", new AppService("api", api.instances(), MinHealthy.ONE, api.health(), List.of("cache"),
                Position.NONE, check));
        return new Inventory(base.cluster(), base.file(), new Defaults(Duration.ofMillis(30), Duration.ofMillis(500)),
                base.policy(), new LinkedHashMap<>(base.hosts()), services);
    }

    private static Instance api(String host) {
        return new Instance("api", Endpoint.of(host, 0));
    }

    /** Every instance healthy (health says 200); write checks answer as the test says. */
    private final InstanceProbe probe = new InstanceProbe() {
        @Override
        public boolean isDown(Instance i) {
            return cluster.isDown(i);
        }

        @Override
        public boolean isReady(Instance i) {
            return cluster.isReady(i);
        }

        @Override
        public Optional<String> whyCannotWrite(Instance i) {
            writeChecks.incrementAndGet();
            return Optional.ofNullable(writeFails.get(i));
        }
    };

    private FailoverAction failoverThen(Consumer<String> after) {
        FakeFailover fake = new FakeFailover();
        return new FailoverAction() {
            @Override
            public Endpoint target(Step step, StepAction.Failover action, java.util.Set<dev.stagger.model.Instance> downNow) {
                return fake.target(step, action, downNow);
            }

            @Override
            public List<String> failover(Step step, StepAction.Failover action, Endpoint target, Consumer<String> say) {
                List<String> done = fake.failover(step, action, target, say);
                after.accept(step.id());
                return done;
            }

            @Override
            public boolean alreadyDone(Step step, StepAction.Failover action, Endpoint target) {
                return false;
            }
        };
    }

    private RunOutcome run(FailoverAction failovers, RunSettings settings, Step... steps) {
        RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, failovers, probe, cluster, journal, progress);
        return new Executor(deps, settings).run(graph(Order.SEQUENCE, steps), JournalState.fresh(), "sha256:test");
    }

    private List<JournalEvent> appsChecked() {
        return journal.events().stream().filter(e -> e.event().equals(Events.APPS_CHECKED)).toList();
    }

    @Test
    void anAppWhoseHealthPassesButWhoseWriteCheckFailsAfterTheFailoverFailsTheRun() {
        RunOutcome out = run(failoverThen(id -> writeFails.put(api("app2"), "`http://ops:***@app2/w` answered HTTP 500")),
                Fixtures.fast(), failover("failover-cache"));

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("the failover of cache itself was verified",
                "api (1 healthy before not healthy again): api@app2 answers its health check, but its write_check failed:"
                        + " `http://ops:***@app2/w` answered HTTP 500 (health alone passed; the app cannot write)")
                .doesNotContain("s3cret");
        assertThat(appsChecked().get(0).detail("writable")).contains("api@app1", "api@app2", "api@app3");
        assertThat(appsChecked()).extracting(e -> e.detail("when") + " " + e.detail("result"))
                .containsExactly("before null", "after failing");
        assertThat(progress.text()).contains("3 of 3 instances with a write_check passed it before the step");
    }

    @Test
    void appsThatCanStillWriteLetTheRunFinishAndAreCheckedAgainAtTheEnd() {
        RunOutcome out = run(failoverThen(id -> { }), Fixtures.fast(), failover("failover-cache"));

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        // 3 before the step, 3 after it, 3 at the end of the run
        assertThat(writeChecks).hasValue(9);
        assertThat(progress.text()).contains("each passing its write_check again");
    }

    @Test
    void anInstanceWhoseWriteCheckFailedBeforeIsNotRequiredAfter() {
        writeFails.put(api("app3"), "`check-write app3` exited 1: READONLY");
        RunOutcome out = run(failoverThen(id -> { }), Fixtures.fast(), failover("failover-cache"));

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(progress.text()).contains("2 of 3 instances with a write_check passed it before the step",
                "already failing it, so not required after: api@app3");
        assertThat(appsChecked().get(0).detail("writable")).doesNotContain("app3");
    }

    @Test
    void aWriteCheckThatRecoversWithinReadyTimeoutPasses() {
        RunOutcome out = run(failoverThen(id -> {
            writeFails.put(api("app1"), "`check-write app1` exited 1: READONLY");
            int from = writeChecks.get();
            new Thread(() -> {
                while (writeChecks.get() < from + 4) {
                    StepRunner.sleep(Duration.ofMillis(2));
                }
                writeFails.clear();
            }).start();
        }), Fixtures.fast(), failover("failover-cache"));

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(progress.text()).contains("api@app1 answers its health check, but its write_check failed");
    }

    @Test
    void aWriteCheckThatThrowsIsAFailure() {
        InstanceProbe throwing = new InstanceProbe() {
            @Override
            public boolean isDown(Instance i) {
                return false;
            }

            @Override
            public boolean isReady(Instance i) {
                return true;
            }
        };
        AppVerification apps = new AppVerification(inventory, throwing, progress, Duration.ofMillis(1));
        List<AppService> api = AppVerification.appsRequiring(java.util.Set.of("cache"), inventory);
        assertThat(apps.before(api).writable()).as("the default: a probe that cannot run write checks").isEmpty();
        AppVerification.Round round = apps.probe(api, java.util.Set.of(api("app1")));
        assertThat(round.answers().get(api("app1"))).hasValueSatisfying(
                why -> assertThat(why).contains("write_check failed: its write_check could not be run by this probe"));
        assertThat(round.healthy()).containsExactlyInAnyOrder(api("app2"), api("app3"));
    }

    @Test
    void aDryRunSaysItWouldRunTheWriteCheckWithoutItsPasswordAndRunsNone() {
        RunOutcome out = run(new DryRunFailover(s -> { }), Fixtures.fast().withDryRun(true), failover("failover-cache"));
        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(writeChecks).hasValue(0);
        assertThat(progress.text()).contains("would run the write_check of api on each instance before and after this step"
                + " (`http://ops:***@{address}/w`)").doesNotContain("s3cret");
    }

    @Test
    void theRedactorMasksAWriteCheckUrlsPassword() {
        Redactor r = Redactor.forInventory(inventoryWithWriteCheck(new WriteCheck.Http("https://ops:p%40ss@{address}/w")),
                name -> null);
        assertThat(r.redact("auth p%40ss and p@ss")).isEqualTo("auth *** and ***");
    }
}
