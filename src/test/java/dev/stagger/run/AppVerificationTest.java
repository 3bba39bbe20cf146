package dev.stagger.run;

import static dev.stagger.run.Fixtures.failover;
import static dev.stagger.run.Fixtures.graph;
import static dev.stagger.run.Fixtures.maintain;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Apps that require a group a step touched are part of the step's verification: a verified failover
 * whose apps answer 503 afterwards (pinned to the old master) fails the run, exit 3, naming the apps
 * and what each answered; apps that follow pass; the end of the run checks them once more.
 */
class AppVerificationTest {
    private final Inventory inventory = inventoryWithApiRequiringCache(MinHealthy.ONE);
    private final FakeCluster cluster = new FakeCluster(inventory);
    private final Journal.InMemory journal = Journal.inMemory();
    private final RecordingProgress progress = new RecordingProgress();
    /** What each app instance answers when it is not healthy; absent: the FakeCluster decides. */
    private final Map<Instance, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger appProbes = new AtomicInteger();
    /** App probes after this many answer "connection refused". */
    private volatile int healthyProbes = Integer.MAX_VALUE;

    /** Fixtures' cluster with api (app1..app3, 0.5 s ready_timeout) requiring cache. */
    private static Inventory inventoryWithApiRequiringCache(MinHealthy minHealthy) {
        Inventory base = Fixtures.inventory();
        Map<String, Service> services = new LinkedHashMap<>(base.services());
        AppService api = (AppService) services.get("api");
        services.put("api", new AppService("api", api.instances(), minHealthy, api.health(), List.of("cache"), Position.NONE));
        return new Inventory(base.cluster(), base.file(), new Defaults(Duration.ofMillis(30), Duration.ofMillis(500)),
                base.policy(), new LinkedHashMap<>(base.hosts()), services);
    }

    private static Instance api(String host) {
        return new Instance("api", Endpoint.of(host, 0));
    }

    /** FakeCluster's probe, with app instances answering what the test says. */
    private final InstanceProbe probe = new InstanceProbe() {
        @Override
        public boolean isDown(Instance i) {
            return cluster.isDown(i);
        }

        @Override
        public boolean isReady(Instance i) {
            return whyUnhealthy(i).isEmpty();
        }

        @Override
        public Optional<String> whyUnhealthy(Instance i) {
            if (i.service().equals("api") && appProbes.incrementAndGet() > healthyProbes) {
                return Optional.of("connection refused");
            }
            if (answers.containsKey(i)) {
                return Optional.of(answers.get(i));
            }
            return cluster.isReady(i) ? Optional.empty() : Optional.of("connection refused");
        }
    };

    /** A failover that, once done, runs {@code after} (the apps' reaction to the move). */
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
    void aVerifiedFailoverWhoseAppsAnswer503FailsTheRunNamingThemAndWhatEachAnswered() {
        RunOutcome out = run(failoverThen(id -> {
            for (String h : List.of("app1", "app2", "app3")) {
                answers.put(api(h), "answered HTTP 503");
            }
        }), Fixtures.fast(), failover("failover-cache"), maintain("maintain-app3", "app3"));

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("failover-cache", "the failover of cache itself was verified",
                "api (0 of 3 healthy, min_healthy 1)", "api@app1 answered HTTP 503", "api@app3 answered HTTP 503",
                "ready_timeout 500ms", "pinned to the old master", "Restart them or fix their Sentinel client");
        assertThat(cluster.calls()).as("nothing after the failing step starts").isEmpty();
        assertThat(progress.text()).contains("waiting for the apps api healthy again");
        assertThat(appsChecked()).extracting(e -> e.detail("when") + " " + e.detail("result"))
                .containsExactly("before null", "after failing");
        assertThat(appsChecked().get(0).detail("healthy")).contains("api@app1", "api@app2", "api@app3");
        assertThat(journal.events()).extracting(JournalEvent::event).doesNotContain("step-done", "run-done");
    }

    @Test
    void aResumeAfterTheAppsWereFixedVerifiesThemWithoutRepeatingTheFailover() {
        AtomicInteger failovers = new AtomicInteger();
        FailoverAction pinning = failoverThen(id -> {
            failovers.incrementAndGet();
            answers.put(api("app1"), "answered HTTP 503");
            answers.put(api("app2"), "answered HTTP 503");
            answers.put(api("app3"), "answered HTTP 503");
        });
        Step[] plan = {failover("failover-cache"), maintain("maintain-app3", "app3")};
        assertThat(run(pinning, Fixtures.fast(), plan).exitCode()).isEqualTo(ExitCode.RUN_FAILED);

        answers.clear(); // the operator restarted the apps
        RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, pinning, probe, cluster, journal, progress);
        RunOutcome resumed = new Executor(deps, Fixtures.fast()).run(graph(Order.SEQUENCE, plan),
                JournalState.replay(journal.events()), "sha256:test");

        assertThat(resumed.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(failovers).as("the verified failover is not repeated").hasValue(1);
        assertThat(progress.text()).contains("resumed: which app instances were healthy before this step is not known");
        assertThat(cluster.calls()).contains("maintain-app3 down stop app3");
    }

    @Test
    void appsThatFollowTheNewMasterLetTheRunFinish() {
        RunOutcome out = run(failoverThen(id -> { }), Fixtures.fast(), failover("failover-cache"), maintain("maintain-app1", "app1"));

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(appsChecked()).extracting(e -> e.step() + " " + e.detail("when") + " " + e.detail("result"))
                .containsExactly("failover-cache before null", "failover-cache after healthy",
                        "maintain-app1 before null", "maintain-app1 after healthy", "null end healthy");
        assertThat(progress.text()).contains("api (requires cache) healthy");
    }

    @Test
    void appsThatRecoverWithinReadyTimeoutPass() {
        RunOutcome out = run(failoverThen(id -> {
            answers.put(api("app1"), "answered HTTP 503");
            int from = appProbes.get();
            new Thread(() -> {
                while (appProbes.get() < from + 6) {
                    StepRunner.sleep(Duration.ofMillis(2));
                }
                answers.clear();
            }).start();
        }), Fixtures.fast(), failover("failover-cache"));

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(progress.text()).contains("api@app1 answered HTTP 503");
    }

    @Test
    void anInstanceHealthyBeforeMustBeHealthyAgainEvenWithMinHealthyMet() {
        // maintain app2 touches cache (cache@app2); api@app3 breaks during its work, api@app1 stays up.
        HookRunner hooks = (call, listener) -> {
            cluster.run(call, listener);
            if (call.phase() == Phase.DO) {
                answers.put(api("app3"), "answered HTTP 500");
            }
        };
        RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, failoverThen(id -> { }), probe, hooks, journal, progress);
        RunOutcome out = new Executor(deps, Fixtures.fast()).run(graph(Order.SEQUENCE, maintain("maintain-app2", "app2")),
                JournalState.fresh(), "sha256:test");

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("maintain app2 finished, but the apps that require cache are not healthy",
                "api (1 healthy before not healthy again): api@app3 answered HTTP 500");
    }

    @Test
    void anInstanceUnhealthyBeforeIsNotWantedBack() {
        answers.put(api("app3"), "timed out (request timed out)");
        RunOutcome out = run(failoverThen(id -> { }), Fixtures.fast(), maintain("maintain-app2", "app2"));
        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(appsChecked().get(0).detail("healthy")).doesNotContain("app3");
    }

    @Test
    void aStopStepsOwnAppInstanceIsExcusedButMinHealthyIsNot() {
        RunOutcome out = run(failoverThen(id -> { }), Fixtures.fast(), Fixtures.stop("stop-app2", "app2"));
        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(progress.text()).contains("api (requires cache) healthy");
    }

    @Test
    void aDryRunSaysWhatItWouldVerifyAndProbesNoApp() {
        RunOutcome out = run(new DryRunFailover(s -> { }), Fixtures.fast().withDryRun(true), failover("failover-cache"));
        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(appProbes.get()).isZero();
        assertThat(progress.text()).contains("would verify that api (requires cache) are healthy again after this step",
                "within ready_timeout 500ms", "would verify at the end of the run that api (requires cache)");
    }

    @Test
    void theEndOfTheRunChecksTheAppsOnceMore() {
        // The failover's own check passes (3 probes before, 3 after); then the apps stop answering.
        healthyProbes = 6;
        RunOutcome out = run(failoverThen(id -> { }), Fixtures.fast(), failover("failover-cache"));

        assertThat(out.exitCode()).as(progress.text()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(out.message()).contains("run failed at the end: every step is done, but the apps that require cache",
                "api (0 of 3 healthy, min_healthy 1): api@app1 connection refused");
        assertThat(journal.events()).extracting(JournalEvent::event).contains("step-done", "run-failed").doesNotContain("run-done");
        assertThat(appsChecked()).extracting(e -> e.detail("when") + " " + e.detail("result"))
                .containsExactly("before null", "after healthy", "end failing");

        healthyProbes = Integer.MAX_VALUE; // the apps were fixed: a resume checks them again and finishes
        RunDeps deps = new RunDeps(inventory, Gate.ALWAYS_SAFE, failoverThen(id -> { }), probe, cluster, journal, progress);
        RunOutcome resumed = new Executor(deps, Fixtures.fast()).run(graph(Order.SEQUENCE, failover("failover-cache")),
                JournalState.replay(journal.events()), "sha256:test");
        assertThat(resumed.exitCode()).as(progress.text()).isEqualTo(ExitCode.OK);
        assertThat(journal.events().get(journal.events().size() - 1).event()).isEqualTo("run-done");
    }

    @Test
    void groupsAndAppsOfAStep() {
        assertThat(AppVerification.groupsTouchedBy(failover("f"), inventory)).containsExactly("cache");
        assertThat(AppVerification.groupsTouchedBy(maintain("m", "app2"), inventory)).containsExactly("cache");
        assertThat(AppVerification.groupsTouchedBy(maintain("m", "app3"), inventory)).isEmpty();
        assertThat(AppVerification.appsRequiring(Set.of("cache"), inventory)).extracting(AppService::name).containsExactly("api");
        assertThat(AppVerification.appsRequiring(Set.of("other"), inventory)).isEmpty();
        assertThat(AppVerification.appsRequiring(Set.of("cache"), Fixtures.inventory())).as("api requires nothing").isEmpty();
    }

    @Test
    void failingSaysWhichRuleEachAppBreaks() {
        List<AppService> apps = AppVerification.appsRequiring(Set.of("cache"), inventoryWithApiRequiringCache(new MinHealthy(2, false)));
        Map<Instance, Optional<String>> round = new LinkedHashMap<>();
        round.put(api("app1"), Optional.empty());
        round.put(api("app2"), Optional.of("answered HTTP 503"));
        round.put(api("app3"), Optional.of("connection refused"));
        assertThat(AppVerification.failing(apps, new AppVerification.Round(round), Set.of(), Set.of()))
                .containsExactly("api (1 of 3 healthy, min_healthy 2): api@app2 answered HTTP 503, api@app3 connection refused");
        round.put(api("app3"), Optional.empty());
        assertThat(AppVerification.failing(apps, new AppVerification.Round(round), Set.of(api("app2")), Set.of(api("app2"))))
                .as("excused: the run has it down on purpose").isEmpty();
        assertThat(AppVerification.failing(apps, new AppVerification.Round(round), Set.of(api("app2")), Set.of()))
                .containsExactly("api (1 healthy before not healthy again): api@app2 answered HTTP 503");
    }
}
