package dev.stagger.live;

import dev.stagger.live.redis.InfoParser;
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
 * Issue 9, deliverable 3: the target's write-governing settings against what will follow it and what
 * it must hold. min-replicas-to-write counts only replicas that will ack within min-replicas-max-lag
 * (0 turns the setting off in Redis); a maxmemory below the master's data means OOM refusals
 * (noeviction) or evictions at promotion.
 */
class TargetWritesTest {
    private static final String MASTER_LINKS = "slave0:ip=10.0.2.10,port=6379,state=online,offset=1000,lag=0";

    /** seed-000 with a third cache instance on arb3, a replica of app1. */
    private static Inventory inventory() {
        Inventory base = Fixture.inventory();
        Map<String, Service> services = new LinkedHashMap<>(base.services());
        RedisService cache = (RedisService) services.get("cache");
        services.put("cache", new RedisService("cache", List.of(Fixture.R1, Fixture.R2, Endpoint.of("arb3", 6379)),
                Fixture.R1, "watchers", "cache", Auth.NONE, List.of(), cache.position()));
        return new Inventory(base.cluster(), base.file(), base.defaults(), base.policy(), base.hosts(), services);
    }

    private static List<Diagnostic> gate(Fixture.Snap s, String rule) {
        return LiveChecker.checkBeforeStep(inventory(), s.build(), Fixture.failover("move", Fixture.R2), Set.of())
                .stream().filter(d -> d.rule().equals(rule)).toList();
    }

    private static Fixture.Snap threeNodes(String arb3Link, String... target) {
        Fixture.Snap s = Fixture.Snap.healthy();
        s.master("app1", 1000, MASTER_LINKS, arb3Link);
        s.replica("app2", "app1", 1000, target);
        s.replica("arb3", "app1", 1000);
        return s;
    }

    private static String[] wants(int replicas, int maxLag) {
        return new String[] {InfoParser.MIN_REPLICAS_TO_WRITE + ":" + replicas, InfoParser.MIN_REPLICAS_MAX_LAG + ":" + maxLag};
    }

    @Test
    void aReplicaWhoseLinkIsDownDoesNotCount() {
        Fixture.Snap s = threeNodes("slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0", wants(2, 10));
        s.replica("arb3", "app1", 900, "master_link_status:down");
        assertThat(gate(s, "target-writes")).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("min-replicas-to-write 2 but only 1 replica would follow it (app1:6379) within its min-replicas-max-lag of 10 s")
                    .contains("not counted: arb3:6379 (master_link_status:down)").contains("NOREPLICAS");
            assertThat(d.fix()).contains("CONFIG SET min-replicas-to-write 1 on app2:6379");
        });
        s.replica("arb3", "app1", 1000);
        assertThat(gate(s, "target-writes")).as("both follow in time").isEmpty();
    }

    @Test
    void aReplicaLaggingBeyondMaxLagDoesNotCount() {
        Fixture.Snap s = threeNodes("slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=30", wants(2, 10));
        assertThat(gate(s, "target-writes")).singleElement().satisfies(d -> assertThat(d.message())
                .contains("not counted: arb3:6379 (lag 30 s, above min-replicas-max-lag 10)"));
    }

    @Test
    void aReplicaThatNeedsAFullResyncDoesNotCount() {
        String[] target = {InfoParser.MIN_REPLICAS_TO_WRITE + ":2", InfoParser.MIN_REPLICAS_MAX_LAG + ":10",
            "repl_backlog_active:1", "repl_backlog_first_byte_offset:950"};
        Fixture.Snap s = threeNodes("slave1:ip=10.0.3.10,port=6379,state=online,offset=900,lag=0", target);
        s.replica("arb3", "app1", 900);
        assertThat(gate(s, "target-writes")).singleElement().satisfies(d -> assertThat(d.message())
                .contains("not counted: arb3:6379 (it would need a full resync first)"));
    }

    @Test
    void maxLagZeroTurnsTheSettingOff() {
        Fixture.Snap s = threeNodes("slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0", wants(3, 0));
        assertThat(gate(s, "target-writes")).isEmpty();
        Fixture.Snap enforced = threeNodes("slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0", wants(3, 10));
        assertThat(gate(enforced, "target-writes")).hasSize(1);
    }

    @Test
    void aMaxmemoryBelowTheDataWithNoevictionRefusesWrites() {
        Fixture.Snap s = threeNodes("slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0",
                "used_memory:5000", "maxmemory:1000", "maxmemory_policy:noeviction");
        s.master("app1", 1000, MASTER_LINKS, "slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0",
                "used_memory:5000", "maxmemory:0");
        assertThat(gate(s, "target-writes")).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("has maxmemory 1000, below the 5000 bytes the master uses")
                    .contains("refuse writes with OOM (maxmemory-policy noeviction)");
            assertThat(d.fix()).contains("CONFIG SET maxmemory 6250 on app2:6379");
        });
        assertThat(gate(s, "memory-headroom")).as("said once, by target-writes").isEmpty();
    }

    @Test
    void aMaxmemoryBelowTheDataWithEvictionLosesData() {
        Fixture.Snap s = threeNodes("slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0",
                "used_memory:5000", "maxmemory:1000", "maxmemory_policy:allkeys-lru");
        s.master("app1", 1000, MASTER_LINKS, "slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0",
                "used_memory:5000", "maxmemory:8000");
        assertThat(gate(s, "target-writes")).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("evict about 4000 bytes of the data (maxmemory-policy allkeys-lru)");
            assertThat(d.fix()).contains("CONFIG SET maxmemory 8000 on app2:6379");
        });
    }

    @Test
    void theSameLimitAsTheMasterIsNoChange() {
        // A cache whose master evicts at the same limit: promotion changes nothing.
        Fixture.Snap s = threeNodes("slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0",
                "used_memory:700", "maxmemory:1000", "maxmemory_policy:allkeys-lru");
        s.master("app1", 1000, MASTER_LINKS, "slave1:ip=10.0.3.10,port=6379,state=online,offset=1000,lag=0",
                "used_memory:1001", "maxmemory:1000");
        assertThat(gate(s, "target-writes")).isEmpty();
    }
}
