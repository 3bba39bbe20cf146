package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Auth;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 4: every replica of the group counts. Failing over to an in-sync replica while
 * another replica lags beyond the target's backlog sends that one into a full resync (redis#13483):
 * refused before the switch (full-resync), unless run --allow-full-resync.
 */
class FullResyncTest {
    /** seed-000 with a third cache instance on arb3. */
    private static Inventory withThirdReplica() {
        Inventory base = Fixture.inventory();
        Map<String, Service> services = new LinkedHashMap<>(base.services());
        RedisService cache = (RedisService) services.get("cache");
        services.put("cache", new RedisService("cache", List.of(Fixture.R1, Fixture.R2, Endpoint.of("arb3", 6379)),
                Fixture.R1, "watchers", "cache", Auth.NONE, List.of(), cache.position()));
        return new Inventory(base.cluster(), base.file(), base.defaults(), base.policy(), base.hosts(), services);
    }

    private static List<Diagnostic> gate(Fixture.Snap s) {
        return LiveChecker.checkBeforeStep(withThirdReplica(), s.build(), Fixture.failover("move", Fixture.R2), Set.of())
                .stream().filter(d -> d.rule().equals("full-resync")).toList();
    }

    private static Fixture.Snap cluster(long arb3Offset) {
        Fixture.Snap s = Fixture.Snap.healthy();
        s.master("app1", 100_000, "slave0:ip=10.0.2.10,port=6379,state=online,offset=100000,lag=0",
                "slave1:ip=10.0.3.10,port=6379,state=online,offset=" + arb3Offset + ",lag=0");
        s.replica("app2", "app1", 100_000, "repl_backlog_active:1", "repl_backlog_first_byte_offset:60000");
        s.replica("arb3", "app1", arb3Offset);
        return s;
    }

    @Test
    void aReplicaOlderThanTheTargetsBacklogIsAFullResync() {
        assertThat(gate(cluster(50_000))).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("arb3:6379 (offset 50000, the target's backlog starts at 60000)")
                    .contains("would need a full resync");
            assertThat(d.fix()).contains("--allow-full-resync");
        });
    }

    @Test
    void theForkThatServesItMustFitEvenWhenTheResyncIsAllowed() {
        Fixture.Snap s = cluster(50_000);
        // 450 of maxmemory 1000: within the 80% headroom, but a fork may need up to twice that.
        s.replica("app2", "app1", 100_000, "repl_backlog_active:1", "repl_backlog_first_byte_offset:60000", "used_memory:450");
        List<Diagnostic> found = LiveChecker.checkBeforeStep(withThirdReplica(), s.build(), Fixture.failover("move", Fixture.R2), Set.of());
        assertThat(found).filteredOn(d -> d.rule().equals("memory-headroom")).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("the fork with which app2:6379 would serve that full resync")
                    .contains("twice its used_memory 450, more than 80% of its maxmemory 1000");
            assertThat(d.fix()).contains("let the replicas catch up first");
        });
        assertThat(gate(cluster(50_000))).as("100 bytes used: the fork fits").hasSize(1);
        assertThat(LiveChecker.checkBeforeStep(withThirdReplica(), cluster(50_000).build(), Fixture.failover("move", Fixture.R2), Set.of()))
                .noneMatch(d -> d.rule().equals("memory-headroom"));
    }

    @Test
    void replicasWithinTheBacklogPass() {
        assertThat(gate(cluster(99_000))).isEmpty();
    }
}
