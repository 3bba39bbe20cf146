package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import dev.stagger.lab.RedisNode;
import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.live.ProbeSettings;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Inventory;
import dev.stagger.model.Position;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code stagger status} and the live rules against one seed-000 lab of real processes. The cases
 * run in order on one lab (starting a lab costs seconds); each restores what it broke, and the
 * destructive ones come last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusCommandIT {
    private RedisLab lab;
    private Inventory inventory;

    @BeforeAll
    void startLab() {
        lab = RedisLab.seed000();
        inventory = InventoryLoader.load(lab.inventory());
    }

    @AfterAll
    void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private CliResult status(String... extra) {
        String[] args = new String[2 + extra.length + 1];
        args[0] = "status";
        args[1] = "-i";
        args[2] = lab.inventory().toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliResult.run(args);
    }

    private LiveSnapshot probe() {
        return new LiveProber(ProbeSettings.DEFAULT).probe(inventory);
    }

    private static List<String> errorRules(List<Diagnostic> ds) {
        return ds.stream().filter(Diagnostic::isError).map(Diagnostic::rule).distinct().toList();
    }

    private Step maintain(String host) {
        return new Step("m-" + host, new StepAction.Maintain(List.of(Target.host(host))), List.of(), Hooks.NONE, null,
                null, null, null, new Position("plan.yaml", 2, 3));
    }

    private Step failoverTo(String host) {
        return new Step("fo", new StepAction.Failover("cache", Endpoint.of(host, lab.redis(host).port()), null),
                List.of(), Hooks.NONE, null, null, null, null, new Position("plan.yaml", 5, 3));
    }

    @Test
    @Order(1)
    void healthyLabInTextAndJson() {
        CliResult text = status();
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("cache (redis)", "watchers (sentinel)", "HEALTHY: lab: 0 errors, 0 warnings")
                .contains("cache@app1:" + lab.redis("app1").port()).contains("master").contains("replica")
                .contains("others 2/2 quorum 2 ok");

        CliResult json = status("--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        Map<String, Object> root = MiniJson.object(json.out());
        assertThat(root).containsEntry("cluster", "lab").containsEntry("healthy", true);
        assertThat((List<?>) root.get("services")).hasSize(2);
        assertThat((List<?>) root.get("findings")).isEmpty();
        assertThat(json.out()).contains("\"role\": \"replica\"", "\"link\": \"up\"", "\"lag_bytes\": 0");
    }

    @Test
    @Order(2)
    void bgsaveInProgressBlocksStoppingThatInstance() throws Exception {
        RedisNode master = lab.redis("app1");
        RedisNode replica = lab.redis("app2");
        for (int i = 0; i < 300; i++) {
            master.call("SET", "k" + i, "v".repeat(100));
        }
        master.call("WAIT", "1", "2000");
        replica.call("CONFIG", "SET", "rdb-key-save-delay", "5000"); // 5 ms per key: about 1.5 s of BGSAVE
        replica.call("BGSAVE");
        List<Diagnostic> gate = LiveChecker.checkBeforeStep(inventory, probe(), maintain("app2"), Set.of());
        assertThat(errorRules(gate)).containsExactly("persistence");
        assertThat(gate.get(0).message()).contains("rdb_bgsave_in_progress:1");
        CliResult text = status();
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("warning: [persistence]");
        replica.call("CONFIG", "SET", "rdb-key-save-delay", "0");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"0".equals(replica.info("rdb_bgsave_in_progress")) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(replica.info("rdb_bgsave_in_progress")).isEqualTo("0");
    }

    @Test
    @Order(3)
    void memoryAboveHeadroomBlocksFailoverToIt() {
        RedisNode replica = lab.redis("app2");
        long used = Long.parseLong(replica.info("used_memory"));
        replica.call("CONFIG", "SET", "maxmemory", Long.toString(used * 100 / 90)); // ~90% used
        try {
            List<Diagnostic> gate = LiveChecker.checkBeforeStep(inventory, probe(), failoverTo("app2"), Set.of());
            assertThat(errorRules(gate)).containsExactly("memory-headroom");
            CliResult text = status();
            assertThat(text.out()).as(text.toString()).contains("warning: [memory-headroom]");
        } finally {
            replica.call("CONFIG", "SET", "maxmemory", "0");
        }
        assertThat(errorRules(LiveChecker.checkBeforeStep(inventory, probe(), failoverTo("app2"), Set.of()))).isEmpty();
    }

    @Test
    @Order(4)
    void sentinelDown() {
        lab.sentinel("arb3").stop();
        try {
            CliResult text = status();
            assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
            assertThat(text.out()).contains("error: [unreachable] watchers@arb3:" + lab.sentinel("arb3").port());
            // With arb3's sentinel gone, maintaining app2 would leave one sentinel: no failover possible.
            List<Diagnostic> gate = LiveChecker.checkBeforeStep(inventory, probe(), maintain("app2"), Set.of());
            assertThat(gate).anySatisfy(d -> assertThat(d.message()).contains("only 1 of 3 sentinels"));
        } finally {
            lab.sentinel("arb3").start();
            lab.awaitSettled(Duration.ofSeconds(15));
        }
    }

    @Test
    @Order(5)
    void twoMastersAtOnceIsSplitBrain() {
        RedisNode replica = lab.redis("app2");
        replica.call("REPLICAOF", "NO", "ONE");
        try {
            CliResult text = status();
            assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
            assertThat(text.out()).contains("error: [split-brain]", "2 instances reporting role:master");
            assertThat(errorRules(LiveChecker.checkBeforeStep(inventory, probe(), failoverTo("app2"), Set.of())))
                    .contains("split-brain");
        } finally {
            replica.call("REPLICAOF", "127.0.0.1", Integer.toString(lab.redis("app1").port()));
            lab.awaitSettled(Duration.ofSeconds(15));
        }
    }

    @Test
    @Order(6)
    void unreachableReplica() {
        lab.redis("app2").stop();
        try {
            CliResult json = status("--format", "json");
            assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
            assertThat(json.out()).contains("\"healthy\": false", "\"rule\": \"unreachable\"", "connection refused");
        } finally {
            lab.redis("app2").start();
            lab.awaitSettled(Duration.ofSeconds(15));
        }
    }

    @Test
    @Order(7)
    void stoppedMasterLeavesTheReplicaOutOfSync() {
        lab.redis("app1").kill();
        LiveSnapshot snap = probe();
        List<Diagnostic> cluster = LiveChecker.checkCluster(inventory, snap);
        assertThat(errorRules(cluster)).contains("unreachable", "replica-sync");
        assertThat(cluster).anySatisfy(d -> assertThat(d.message()).contains("master_link_status:down"));
        assertThat(errorRules(LiveChecker.checkBeforeStep(inventory, snap, failoverTo("app2"), Set.of())))
                .contains("replica-sync", "unreachable");
    }
}
