package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.MinHealthy;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of safe and unsafe cases per rule: each case names the errors and warnings it must give. */
class RuleTablesTest {

    private static Arguments row(String name, Supplier<Fixture> plan, Set<String> errors, Set<String> warnings) {
        return Arguments.of(name, plan, errors, warnings);
    }

    private static Arguments row(String name, Supplier<Fixture> plan, String... errors) {
        return row(name, plan, Set.of(errors), Set.of());
    }

    private static Fixture pool4(Fixture f, MinHealthy min) {
        return f.hosts("w", 4, "dc1").app("web", min, List.of(), "w1", "w2", "w3", "w4");
    }

    private static Fixture sentinel5(Fixture f) {
        return f.hosts("s", 5, "dc1").sentinels("watchers", 2, "s1:26379", "s2:26379", "s3:26379", "s4:26379", "s5:26379");
    }

    private static Fixture redis3(Fixture f) {
        return f.host("q1", "dc1").host("q2", "dc2").host("q3", "dc3")
                .redis("jobs", "q1:6379", null, "q1:6379", "q2:6379", "q3:6379");
    }

    /** 3 shards; r1 holds two masters (shards 1 and 2), r2 the third master and shard 1's replica. */
    private static Fixture crowdedCluster(Fixture f) {
        return f.host("r1", "dc1").host("r2", "dc2").host("r3", "dc3").host("r4", "dc3")
                .cluster("sessions", List.of(List.of("r1:7000", "r2:7001"), List.of("r1:7001", "r3:7000"),
                        List.of("r2:7000", "r4:7000")));
    }

    /** 3 shards, one master per host, each replica on the next host. */
    private static Fixture evenCluster(Fixture f) {
        return f.host("r1", "dc1").host("r2", "dc2").host("r3", "dc3")
                .cluster("sessions", List.of(List.of("r1:7000", "r2:7001"), List.of("r2:7000", "r3:7001"),
                        List.of("r3:7000", "r1:7001")));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // min-healthy
                row("75% of 4: two down at once is fine", () -> pool4(Fixture.graph(), new MinHealthy(75, true))
                        .maintain("a", "w1").maintain("b", "w2", "a")),
                row("75% of 4: two unordered is one too many", () -> pool4(Fixture.graph(), new MinHealthy(75, true))
                        .maintain("a", "w1").maintain("b", "w2"), "min-healthy"),
                row("75% of 4 in sequence: safe", () -> pool4(Fixture.sequence(), new MinHealthy(75, true))
                        .maintain("a", "w1").maintain("b", "w2").maintain("c", "w3").maintain("d", "w4")),
                row("a pool with an instance already down", () -> Fixture.sequence().host("a1", "dc1").host("a2", "dc1")
                        .downHost("a3", "dc1").app("api", 2, "a1", "a2", "a3").maintain("m", "a1"), "min-healthy"),
                row("an already-down instance the plan does not touch", () -> Fixture.sequence().host("a1", "dc1")
                        .host("a2", "dc1").downHost("a3", "dc1").app("api", 2, "a1", "a2", "a3").host("x", "dc1")
                        .app("other", 0, "x").maintain("m", "x")),
                row("one step taking down the whole pool", () -> Fixture.sequence().host("a1", "dc1").host("a2", "dc1")
                        .app("api", 1, "a1", "a2").maintain("m", "a1,a2"), "min-healthy"),
                row("a stop keeps an instance down for later steps", () -> Fixture.sequence().host("a1", "dc1")
                        .host("a2", "dc1").app("api", 1, "a1", "a2").stop("s", "a1").maintain("m", "a2"),
                        Set.of("min-healthy"), Set.of("left-down")),
                row("a start in between brings it back", () -> Fixture.sequence().host("a1", "dc1").host("a2", "dc1")
                        .app("api", 1, "a1", "a2").stop("s", "a1").start("u", "a1").maintain("m", "a2")),
                row("a start of a down host counts until it is done", () -> Fixture.graph().host("a1", "dc1")
                        .downHost("a2", "dc1").app("api", 1, "a1", "a2").start("u", "a2").maintain("m", "a1"),
                        "min-healthy"),
                row("...and not after it", () -> Fixture.graph().host("a1", "dc1").downHost("a2", "dc1")
                        .app("api", 1, "a1", "a2").start("u", "a2").maintain("m", "a1", "u")),
                // failover-quorum
                row("5 sentinels quorum 2, 2 down: fine", () -> sentinel5(Fixture.graph())
                        .maintain("a", "s1").maintain("b", "s2")),
                row("5 sentinels quorum 2, 3 down: quorum met, majority lost", () -> sentinel5(Fixture.graph())
                        .maintain("a", "s1").maintain("b", "s2").maintain("c", "s3"), "failover-quorum"),
                row("5 sentinels, 3 in sequence: fine", () -> sentinel5(Fixture.sequence())
                        .maintain("a", "s1").maintain("b", "s2").maintain("c", "s3")),
                // master-down
                row("maintaining the master with no failover", () -> redis3(Fixture.sequence()).maintain("m", "q1"),
                        "master-down"),
                row("a failover ordered first protects it", () -> redis3(Fixture.sequence())
                        .failover("f", "jobs", "q2:6379").maintain("m", "q1")),
                row("a failover unordered with the maintain does not", () -> redis3(Fixture.graph())
                        .failover("f", "jobs", "q2:6379").maintain("m", "q1"), "master-down", "overlap"),
                row("the new master taken down later", () -> redis3(Fixture.sequence())
                        .failover("f", "jobs", "q2:6379").maintain("m", "q1").maintain("n", "q2"), "master-down"),
                row("failover without to: every replica may be master", () -> redis3(Fixture.sequence())
                        .failover("f", "jobs", null).maintain("m", "q1").maintain("n", "q2"), "master-down"),
                row("maintaining replicas only", () -> redis3(Fixture.sequence()).maintain("a", "q2").maintain("b", "q3")),
                // no-failover-target
                row("a failover whose only replica is down then", () -> Fixture.graph().host("a1", "dc1").host("a2", "dc2")
                        .redis("cache", "a1:6379", null, "a1:6379", "a2:6379").maintain("m", "a2")
                        .failover("f", "cache", "a2:6379"), "no-failover-target", "overlap", "master-down"),
                row("...ordered after the replica is back", () -> Fixture.sequence().host("a1", "dc1").host("a2", "dc2")
                        .redis("cache", "a1:6379", null, "a1:6379", "a2:6379").maintain("m", "a2")
                        .failover("f", "cache", "a2:6379")),
                row("a failover to a replica on a down host", () -> Fixture.sequence().host("a1", "dc1").downHost("a2", "dc2")
                        .redis("cache", "a1:6379", null, "a1:6379", "a2:6379").failover("f", "cache", "a2:6379"),
                        "no-failover-target"),
                row("a failover to the current master", () -> redis3(Fixture.sequence()).failover("f", "jobs", "q1:6379"),
                        "no-failover-target"),
                row("a failover without to while every replica is stopped", () -> Fixture.sequence().host("a1", "dc1")
                        .host("a2", "dc2").redis("cache", "a1:6379", null, "a1:6379", "a2:6379").stop("s", "a2")
                        .failover("f", "cache", null), Set.of("no-failover-target"), Set.of("left-down")),
                // requires
                row("an app starting while its redis master is down elsewhere", () -> Fixture.graph().host("a1", "dc1")
                        .host("a2", "dc2").host("db", "dc1").app("api", new MinHealthy(1, false), List.of("cache"), "a1", "a2")
                        .redis("cache", "db:6379", null, "db:6379", "a2:6379").maintain("m", "a1").maintain("d", "db"),
                        "requires", "master-down"),
                row("...ordered after the redis host", () -> Fixture.graph().host("a1", "dc1").host("a2", "dc2")
                        .host("db", "dc1").app("api", new MinHealthy(1, false), List.of("cache"), "a1", "a2")
                        .redis("cache", "db:6379", null, "db:6379", "a2:6379").failover("f", "cache", "a2:6379")
                        .maintain("d", "db", "f").maintain("m", "a1", "d")),
                row("an app requiring an app pool that may be fully down", () -> Fixture.graph().host("a1", "dc1")
                        .host("b1", "dc1").host("b2", "dc1").app("front", new MinHealthy(0, false), List.of("back"), "a1")
                        .app("back", 0, "b1", "b2").maintain("m", "a1").maintain("x", "b1").maintain("y", "b2"), "requires"),
                // overlap
                row("two unordered steps on one instance", () -> Fixture.graph().host("a1", "dc1").app("api", 0, "a1")
                        .maintain("x", "a1").maintain("y", "api@a1"), "overlap"),
                row("the same two in sequence", () -> Fixture.sequence().host("a1", "dc1").app("api", 0, "a1")
                        .maintain("x", "a1").maintain("y", "api@a1")),
                // max-down-dcs
                row("two DCs in sequence under max_down_dcs 1", () -> Fixture.sequence().host("a1", "dc1").host("a2", "dc2")
                        .app("api", 0, "a1", "a2").maxDownDcs(1).maintain("x", "a1").maintain("y", "a2")),
                row("three DCs unordered under max_down_dcs 2", () -> Fixture.graph().host("a1", "dc1").host("a2", "dc2")
                        .host("a3", "dc3").app("api", 0, "a1", "a2", "a3").maxDownDcs(2).maintain("x", "a1")
                        .maintain("y", "a2").maintain("z", "a3"), "max-down-dcs"),
                row("three DCs, two unordered, under max_down_dcs 2", () -> Fixture.graph().host("a1", "dc1").host("a2", "dc2")
                        .host("a3", "dc3").app("api", 0, "a1", "a2", "a3").maxDownDcs(2).maintain("x", "a1")
                        .maintain("y", "a2").maintain("z", "a3", "x")),
                row("a down host's DC counts", () -> Fixture.sequence().host("a1", "dc1").downHost("a2", "dc2")
                        .app("api", 0, "a1", "a2").maxDownDcs(1).maintain("x", "a1"), "max-down-dcs"),
                // cluster-majority
                row("maintaining the host with 2 of 3 masters loses the majority", () -> crowdedCluster(Fixture.sequence())
                        .maintain("m", "r1"), Set.of("cluster-majority", "master-down"), Set.of("cluster-dc-majority")),
                row("...after moving both masters off it", () -> crowdedCluster(Fixture.sequence())
                        .clusterFailover("f1", "sessions", "r1:7000", "r2:7001")
                        .clusterFailover("f2", "sessions", "r1:7001", "r3:7000").maintain("m", "r1"),
                        Set.of(), Set.of("cluster-dc-majority")),
                row("a host with a master and another shard's replica, one at a time", () -> evenCluster(Fixture.sequence())
                        .clusterFailover("f1", "sessions", "r1:7000", "r2:7001").maintain("m", "r1"),
                        Set.of(), Set.of("cluster-dc-majority")),
                row("two hosts unordered: majority lost", () -> evenCluster(Fixture.graph())
                        .clusterFailover("f1", "sessions", "r1:7000", "r2:7001")
                        .clusterFailover("f2", "sessions", "r2:7000", "r3:7001")
                        .maintain("a", "r1", "f1", "f2").maintain("b", "r3", "f1", "f2"),
                        Set.of("cluster-majority", "master-down", "overlap"), Set.of("cluster-dc-majority")),
                row("a shard with every instance down", () -> evenCluster(Fixture.graph())
                        .maintain("a", "sessions@r1").maintain("b", "r2"),
                        "cluster-majority", "master-down", "overlap"),
                // warnings
                row("stop without start", () -> Fixture.sequence().host("a1", "dc1").host("a2", "dc2")
                        .app("api", 1, "a1", "a2").stop("s", "a1"), Set.of(), Set.of("left-down")),
                row("a pool all in one DC", () -> Fixture.sequence().host("a1", "dc1").host("a2", "dc1").host("b", "dc2")
                        .app("api", 1, "a1", "a2").maintain("m", "b"), Set.of(), Set.of("single-dc")),
                row("cluster masters crowded after a failover", () -> evenCluster(Fixture.sequence())
                        .clusterFailover("f", "sessions", "r1:7000", "r2:7001"), Set.of(), Set.of("cluster-dc-majority")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void table(String name, Supplier<Fixture> plan, Set<String> errors, Set<String> warnings) {
        Fixture f = plan.get();
        List<Diagnostic> found = f.check();
        assertThat(f.errors()).as(found.toString()).isEqualTo(errors);
        assertThat(f.warnings()).as(found.toString()).isEqualTo(warnings);
        for (Diagnostic d : found) {
            assertThat(d.message()).isNotBlank();
            assertThat(d.fix()).as(d.toString()).isNotBlank();
            assertThat(d.steps().isEmpty() || d.position().isKnown()).isTrue();
        }
    }
}
