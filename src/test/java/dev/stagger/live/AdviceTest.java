package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 7: advice that is wrong under stress. A split brain names the side that holds the
 * data and the exact command for the other; a replica following an address that is not the master
 * is told to re-point, not to wait; disagreeing sentinels get the procedure that converges.
 */
class AdviceTest {
    private static List<Diagnostic> findings(Fixture.Snap snap, String rule) {
        return LiveChecker.checkCluster(Fixture.inventory(), snap.build()).stream().filter(d -> d.rule().equals(rule)).toList();
    }

    @Test
    void aSplitBrainNamesTheSideWithTheDataAndHowToDemoteTheOther() {
        Fixture.Snap s = Fixture.Snap.healthy();
        s.master("app1", 5000, "db0:keys=120,expires=0,avg_ttl=0", "connected_clients:40");
        s.master("app2", 20, "db0:keys=3,expires=0,avg_ttl=0", "connected_clients:2");
        for (String h : List.of("app1", "app2", "arb3")) {
            s.sentinelDown(h);
        }
        assertThat(findings(s, "split-brain")).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("app1:6379 (120 keys, offset 5000, 0 replicas, 40 clients)")
                    .contains("app2:6379 (3 keys, offset 20, 0 replicas, 2 clients)");
            assertThat(d.fix()).startsWith("keep app1:6379 (it holds the most data)")
                    .contains("on app2:6379: REPLICAOF 10.0.1.10 6379");
        });
    }

    @Test
    void theSentinelsVoteDecidesWhichSideToKeep() {
        Fixture.Snap s = Fixture.Snap.healthy();
        s.master("app1", 5000, "db0:keys=120");
        s.master("app2", 20, "db0:keys=3");
        for (String h : List.of("app1", "app2", "arb3")) {
            s.sentinel(h, "10.0.2.10:6379", 2);
        }
        assertThat(findings(s, "split-brain")).first().satisfies(d -> assertThat(d.fix())
                .startsWith("keep app2:6379 (the sentinels name it)").contains("on app1:6379: REPLICAOF 10.0.2.10 6379"));
    }

    @Test
    void theSideWithTheWritesSinceTheSplitWinsOverTheSentinelsVote() {
        // app2 left app1's history at offset 4000 (REPLICAOF NO ONE) and took 5000 bytes of writes since;
        // app1, which the sentinels still name, took 1000. Keeping app1 would wipe app2's writes (kubeblocks).
        Fixture.Snap s = Fixture.Snap.healthy();
        s.master("app1", 5000, "master_replid:aaaa", "master_replid2:0000", "second_repl_offset:-1", "db0:keys=120");
        s.master("app2", 9000, "master_replid:bbbb", "master_replid2:aaaa", "second_repl_offset:4001", "db0:keys=3");
        assertThat(findings(s, "split-brain")).first().satisfies(d -> {
            assertThat(d.message()).contains("app1:6379 (120 keys, offset 5000, 1000 bytes written since the split")
                    .contains("app2:6379 (3 keys, offset 9000, 5000 bytes written since the split");
            assertThat(d.fix()).startsWith("keep app2:6379 (it took the most writes since the split)")
                    .contains("app1:6379 took 1000 bytes of writes since the split")
                    .contains("point the sentinels at it first (they name app1:6379")
                    .contains("SENTINEL REMOVE cache, then SENTINEL MONITOR cache 10.0.2.10 6379 2")
                    .contains("on app1:6379: REPLICAOF 10.0.2.10 6379");
            assertThat(d.fix().indexOf("SENTINEL MONITOR")).as("sentinels first").isLessThan(d.fix().indexOf("on app1:6379: REPLICAOF"));
        });
    }

    @Test
    void theSentinelsSideIsKeptWhenItHasTheWrites() {
        Fixture.Snap s = Fixture.Snap.healthy();
        s.master("app1", 9000, "master_replid:aaaa", "master_replid2:0000", "second_repl_offset:-1");
        s.master("app2", 4000, "master_replid:bbbb", "master_replid2:aaaa", "second_repl_offset:4001");
        assertThat(findings(s, "split-brain")).first().satisfies(d -> assertThat(d.fix())
                .startsWith("keep app1:6379 (it took the most writes since the split)")
                .doesNotContain("SENTINEL MONITOR").contains("on app2:6379: REPLICAOF 10.0.1.10 6379"));
    }

    @Test
    void aReplicaFollowingTheWrongAddressIsToldToRePoint() {
        Fixture.Snap s = Fixture.Snap.healthy();
        s.replica("app2", "arb3", 1000);
        assertThat(findings(s, "replica-sync")).singleElement().satisfies(d -> assertThat(d.fix())
                .isEqualTo("re-point it: on app2:6379 run REPLICAOF 10.0.1.10 6379 (waiting will not help: it follows an"
                        + " address that is not the master)"));
    }

    @Test
    void disagreeingSentinelsGetRemoveAndMonitor() {
        Fixture.Snap s = Fixture.Snap.healthy();
        s.sentinel("arb3", "10.0.2.10:6379", 2);
        assertThat(findings(s, "split-brain")).singleElement().satisfies(d -> assertThat(d.fix())
                .contains("SENTINEL REMOVE cache, then SENTINEL MONITOR cache 10.0.1.10 6379 2"));
    }
}
