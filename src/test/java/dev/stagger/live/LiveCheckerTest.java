package dev.stagger.live;

import static dev.stagger.live.Fixture.R1;
import static dev.stagger.live.Fixture.R2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.live.Fixture.Snap;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.HostState;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Policy;
import dev.stagger.model.RedisService;
import dev.stagger.model.Severity;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LiveCheckerTest {

    private static List<String> errors(List<Diagnostic> ds) {
        return ds.stream().filter(Diagnostic::isError).map(d -> d.rule() + " " + d.subject()).distinct().toList();
    }

    private static List<String> warnings(List<Diagnostic> ds) {
        return ds.stream().filter(d -> d.severity() == Severity.WARNING).map(d -> d.rule() + " " + d.subject()).distinct().toList();
    }

    @Test
    void healthyClusterHasNoFindings() {
        assertThat(LiveChecker.checkCluster(Fixture.inventory(), Snap.healthy().build())).isEmpty();
    }

    static Stream<Arguments> clusterCases() {
        return Stream.of(
                Arguments.of("replica down", (UnaryOperator<Snap>) s -> s.redisDown("app2"),
                        List.of("unreachable cache@app2:6379")),
                Arguments.of("link down", (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 1000, "master_link_status:down"),
                        List.of("replica-sync cache@app2:6379")),
                Arguments.of("full sync", (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 0, "master_sync_in_progress:1"),
                        List.of("replica-sync cache@app2:6379")),
                Arguments.of("lagging", (UnaryOperator<Snap>) s -> s.master("app1", 5_000_000),
                        List.of("replica-sync cache@app2:6379")),
                Arguments.of("two masters", (UnaryOperator<Snap>) s -> s.master("app2", 1000),
                        List.of("split-brain cache")),
                Arguments.of("sentinels disagree", (UnaryOperator<Snap>) s -> s.sentinel("arb3", "10.0.2.10:6379", 2),
                        List.of("split-brain cache")),
                Arguments.of("stale sentinel entries", (UnaryOperator<Snap>) s -> s.sentinel("app2", "10.0.1.10:6379", 4),
                        List.of("sentinel-voters watchers@app2:26379")),
                Arguments.of("ckquorum fails", (UnaryOperator<Snap>) s -> s.sentinel("app2", "10.0.1.10:6379", 2, false),
                        List.of("sentinel-voters watchers@app2:26379")),
                Arguments.of("one sentinel down", (UnaryOperator<Snap>) s -> s.sentinelDown("arb3"),
                        List.of("unreachable watchers@arb3:26379")),
                Arguments.of("two sentinels down", (UnaryOperator<Snap>) s -> s.sentinelDown("arb3").sentinelDown("app2"),
                        List.of("unreachable watchers@app2:26379", "unreachable watchers@arb3:26379", "unreachable watchers")),
                Arguments.of("app unhealthy", (UnaryOperator<Snap>) s -> s.app("app2", false),
                        List.of("unreachable api@app2")),
                Arguments.of("replicating from someone else", (UnaryOperator<Snap>) s -> s.replica("app2", "arb3", 1000),
                        List.of("replica-sync cache@app2:6379")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterCases")
    void clusterRules(String name, UnaryOperator<Snap> change, List<String> expectedErrors) {
        List<Diagnostic> ds = LiveChecker.checkCluster(Fixture.inventory(), change.apply(Snap.healthy()).build());
        assertThat(errors(ds)).containsExactlyInAnyOrderElementsOf(expectedErrors);
        assertThat(ds).allSatisfy(d -> {
            assertThat(d.fix()).isNotBlank();
            assertThat(d.message()).isNotBlank();
        });
    }

    @Test
    void clusterWarnsAboutWhatWouldBlockAStep() {
        Snap s = Snap.healthy();
        s.master("app1", 1000, "rdb_bgsave_in_progress:1", "slave0:ip=10.0.2.10,port=6379,state=online,offset=1000,lag=0");
        s.replica("app2", "app1", 1000, "used_memory:900");
        List<Diagnostic> ds = LiveChecker.checkCluster(Fixture.inventory(), s.build());
        assertThat(errors(ds)).isEmpty();
        assertThat(warnings(ds)).containsExactlyInAnyOrder("persistence cache@app1:6379", "memory-headroom cache@app2:6379");
    }

    @Test
    void hostDeclaredDownIsNotUnreachableButAnsweringIsDrift() {
        Inventory inv = Fixture.inventory(Policy.STANDARD, HostState.DOWN);
        List<Diagnostic> quiet = LiveChecker.checkCluster(inv, Snap.healthy().sentinelDown("arb3").build());
        assertThat(errors(quiet)).isEmpty();
        List<Diagnostic> answering = LiveChecker.checkCluster(inv, Snap.healthy().build());
        assertThat(warnings(answering)).containsExactly("drift arb3");
    }

    static Stream<Arguments> stepCases() {
        Step maintainApp1 = Fixture.maintain("dc1", "app1");
        Step maintainApp2 = Fixture.maintain("dc2", "app2");
        Step maintainArb3 = Fixture.maintain("dc3", "arb3");
        Step failover = Fixture.failover("move", R2);
        Step failoverAny = Fixture.failover("move", null);
        return Stream.of(
                Arguments.of("maintain replica host, all healthy", maintainApp2, UnaryOperator.identity(), Set.of(), List.of()),
                Arguments.of("maintain the master's host", maintainApp1, UnaryOperator.identity(), Set.of(),
                        List.of("master-down cache@app1:6379")),
                Arguments.of("master already moved", maintainApp1,
                        (UnaryOperator<Snap>) s -> s.master("app2", 1000).replica("app1", "app2", 1000)
                                .sentinel("app1", "10.0.2.10:6379", 2).sentinel("app2", "10.0.2.10:6379", 2)
                                .sentinel("arb3", "10.0.2.10:6379", 2),
                        Set.of(), List.of()),
                Arguments.of("bgsave on the instance to stop", maintainApp2,
                        (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 1000, "rdb_bgsave_in_progress:1"), Set.of(),
                        List.of("persistence cache@app2:6379")),
                Arguments.of("aof rewrite on the instance to stop", maintainApp2,
                        (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 1000, "aof_rewrite_in_progress:1"), Set.of(),
                        List.of("persistence cache@app2:6379")),
                Arguments.of("a sentinel already down, maintain another", maintainArb3,
                        (UnaryOperator<Snap>) s -> s.sentinelDown("app1"), Set.of(),
                        List.of("unreachable watchers")),
                Arguments.of("sentinel the plan took down, maintain another", maintainArb3,
                        UnaryOperator.identity(), Set.of(Fixture.sentinelAt("app1")), List.of("failover-quorum watchers")),
                Arguments.of("previous replica not back in sync", maintainArb3,
                        (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 10, "master_link_status:down"), Set.of(),
                        List.of("replica-sync cache@app2:6379")),
                Arguments.of("app pool would lose its last instance", maintainApp2,
                        (UnaryOperator<Snap>) s -> s.app("app1", false), Set.of(),
                        List.of("unreachable api@app1", "min-healthy api")),
                Arguments.of("failover, all healthy", failover, UnaryOperator.identity(), Set.of(), List.of()),
                Arguments.of("failover target lagging", failover,
                        (UnaryOperator<Snap>) s -> s.master("app1", 3_000_000), Set.of(),
                        List.of("replica-sync cache@app2:6379")),
                Arguments.of("failover target in full sync", failover,
                        (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 0, "master_sync_in_progress:1"), Set.of(),
                        List.of("resync cache", "replica-sync cache@app2:6379")),
                Arguments.of("failover target over memory headroom", failover,
                        (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 1000, "used_memory:850"), Set.of(),
                        List.of("memory-headroom cache@app2:6379")),
                Arguments.of("failover target without maxmemory uses host memory", failover,
                        (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 1000, "used_memory:90", "maxmemory:0",
                                "total_system_memory:100"), Set.of(),
                        List.of("memory-headroom cache@app2:6379")),
                Arguments.of("failover target unreachable", failover,
                        (UnaryOperator<Snap>) s -> s.redisDown("app2"), Set.of(),
                        List.of("unreachable cache@app2:6379")),
                Arguments.of("failover target down by the plan", failover, UnaryOperator.identity(),
                        Set.of(Fixture.cache("app2")), List.of("unreachable cache@app2:6379")),
                Arguments.of("failover without a usable replica", failoverAny,
                        (UnaryOperator<Snap>) s -> s.replica("app2", "app1", 0, "master_link_status:down"), Set.of(),
                        List.of("no-failover-target cache")),
                Arguments.of("failover with two masters", failover,
                        (UnaryOperator<Snap>) s -> s.master("app2", 1000), Set.of(),
                        List.of("split-brain cache", "replica-sync cache@app2:6379")),
                Arguments.of("failover with too few sentinels", failover,
                        (UnaryOperator<Snap>) s -> s.sentinelDown("arb3").sentinelDown("app2"), Set.of(),
                        List.of("unreachable watchers")),
                Arguments.of("failover already done", failover,
                        (UnaryOperator<Snap>) s -> s.master("app2", 1000).replica("app1", "app2", 1000)
                                .sentinel("app1", "10.0.2.10:6379", 2).sentinel("app2", "10.0.2.10:6379", 2)
                                .sentinel("arb3", "10.0.2.10:6379", 2),
                        Set.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stepCases")
    void stepGate(String name, Step step, UnaryOperator<Snap> change, Set<Instance> downNow, List<String> expected) {
        List<Diagnostic> ds = LiveChecker.checkBeforeStep(Fixture.inventory(), change.apply(Snap.healthy()).build(),
                step, downNow);
        assertThat(errors(ds)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ds).allSatisfy(d -> {
            assertThat(d.steps()).containsExactly(step.id());
            assertThat(d.position()).isEqualTo(step.position());
            assertThat(d.fix()).isNotBlank();
        });
    }

    @Test
    void failoverTargetPrefersTheInSyncReplicaOutsideTheDownHosts() {
        Inventory inv = Fixture.inventory();
        StepAction.Failover any = new StepAction.Failover("cache", null, null);
        assertThat(LiveChecker.failoverTarget(inv, Snap.healthy().build(), any, Set.of())).contains(R2);
        assertThat(LiveChecker.failoverTarget(inv, Snap.healthy().build(), any, Set.of(Fixture.cache("app2")))).isEmpty();
        assertThat(LiveChecker.failoverTarget(inv, Snap.healthy().build(), new StepAction.Failover("cache", R1, null), Set.of()))
                .contains(R1);
    }

    @Test
    void overlayUsesRoleAndMarksSilentHostsDown() {
        Snap s = Snap.healthy().master("app2", 1000).replica("app1", "app2", 1000).sentinelDown("arb3");
        s.sentinel("app1", "10.0.2.10:6379", 2).sentinel("app2", "10.0.2.10:6379", 2);
        Inventory inv = Fixture.inventory();
        Inventory live = LiveOverlay.apply(inv, s.build());
        assertThat(((RedisService) live.service("cache").orElseThrow()).master()).isEqualTo(R2);
        assertThat(live.host("arb3").orElseThrow().state()).isEqualTo(HostState.DOWN);
        assertThat(live.host("app1").orElseThrow().state()).isEqualTo(HostState.UP);
        List<Diagnostic> drift = LiveOverlay.drift(inv, s.build());
        assertThat(drift).extracting(Diagnostic::rule).containsOnly("drift");
        assertThat(drift).extracting(Diagnostic::subject).containsExactlyInAnyOrder("cache", "arb3");
        assertThat(drift.get(0).message()).contains("declares master app1:6379").contains("app2:6379");
    }

    @Test
    void unknownReplicaIsDrift() {
        Snap s = Snap.healthy();
        s.master("app1", 1000, "slave0:ip=10.0.2.10,port=6379,state=online,offset=1000,lag=0",
                "slave1:ip=10.9.9.9,port=6379,state=online,offset=1000,lag=0");
        assertThat(LiveOverlay.drift(Fixture.inventory(), s.build())).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("10.9.9.9:6379").contains("not in the inventory"));
    }
}
