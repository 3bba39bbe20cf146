package dev.stagger.live.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.lab.cluster.ClusterLab;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.StaggerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stagger discover} against a real cluster and a real sentinel lab: the file loads and round-trips. */
class ClusterDiscoverIT {

    @Test
    void clusterDiscoverWritesAnInventoryThatLoadsAndRoundTrips(@TempDir Path dir) throws Exception {
        try (ClusterLab lab = ClusterLab.start()) {
            Path out = dir.resolve("discovered.yaml");
            CliResult r = CliResult.run("discover", "--cluster", lab.address(1), "-o", out.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("a cluster of 3 shard(s)").contains("1 host(s) have dc: TODO-set-dc");

            // Without a dc map the only errors are the deliberate TODO placeholders.
            assertThatThrownBy(() -> InventoryLoader.load(out)).isInstanceOfSatisfying(StaggerException.class,
                    e -> assertThat(e.diagnostics()).extracting(Diagnostic::message)
                            .allSatisfy(m -> assertThat(m).contains("TODO")).isNotEmpty());

            Path dcs = dir.resolve("dcs.yaml");
            Files.writeString(dcs, "\"127.0.0.*\": dc1\n");
            r = CliResult.run("discover", "--cluster", lab.address(1), "--dc-map", dcs.toString(),
                    "--name", "lab", "-o", out.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            Inventory inv = InventoryLoader.load(out);
            assertThat(inv.cluster()).isEqualTo("lab");
            assertThat(inv.hosts()).containsOnlyKeys("h-127-0-0-1");
            RedisClusterService svc = (RedisClusterService) inv.service("redis-cluster").orElseThrow();
            List<List<Integer>> shardPorts = svc.shards().stream().map(s -> s.stream().map(Endpoint::port).toList()).toList();
            assertThat(shardPorts).containsExactly(
                    List.of(lab.node(0).port(), lab.node(3).port()),
                    List.of(lab.node(1).port(), lab.node(4).port()),
                    List.of(lab.node(2).port(), lab.node(5).port()));

            // Round trip: the loaded inventory describes the live cluster with no drift.
            ClusterStatus status = ClusterStatus.probe(inv, svc, NodeConnector.of(svc.auth(), java.time.Duration.ofSeconds(2)));
            assertThat(status.drift()).as(status.describe()).isEmpty();
            assertThat(status.problems()).as(status.describe()).isEmpty();
            assertThat(Files.readString(out)).doesNotContain("password");

            // The written inventory validates: a plan over it is judged by the static and live rules.
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, "plan: move-one-shard\ninventory: " + out.getFileName() + "\nsteps:\n"
                    + "  - failover: redis-cluster\n    shard: h-127-0-0-1:" + lab.node(0).port()
                    + "\n    to: h-127-0-0-1:" + lab.node(3).port() + "\n");
            CliResult validated = CliResult.run("validate", plan.toString(), "--format", "json");
            assertThat(validated.exitCode()).as(validated.toString()).isZero();
            // Every master sits in the one DC of a loopback lab: the cluster-dc-majority warning says so.
            assertThat(validated.out()).contains("cluster-dc-majority");
            CliResult live = CliResult.run("validate", "--live", plan.toString());
            assertThat(live.exitCode()).as(live.toString()).isZero();
            assertThat(live.out()).doesNotContain("[drift]");
        }
    }

    @Test
    void sentinelDiscoverWritesTheSameTopologyAsTheLabsInventory(@TempDir Path dir) throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path out = dir.resolve("discovered.yaml");
            Path dcs = dir.resolve("dcs.yaml");
            Files.writeString(dcs, "\"h-127-*\": dc1\n");
            CliResult r = CliResult.run("discover", "--sentinel", "localhost:" + lab.sentinel("arb3").port(),
                    "--dc-map", dcs.toString(), "--auth-env", "SOME_VAR", "-o", out.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            Inventory found = InventoryLoader.load(out);
            Inventory declared = InventoryLoader.load(lab.inventory());

            RedisService cache = (RedisService) found.service("cache").orElseThrow();
            RedisService want = (RedisService) declared.service("cache").orElseThrow();
            assertThat(cache.master().port()).isEqualTo(want.master().port());
            assertThat(cache.instances()).extracting(Endpoint::port)
                    .containsExactlyInAnyOrderElementsOf(want.instances().stream().map(Endpoint::port).toList());
            assertThat(cache.masterName()).isEqualTo(RedisLab.MASTER_NAME);
            assertThat(cache.auth().passwordEnv()).isEqualTo("SOME_VAR");
            SentinelService sentinels = (SentinelService) found.service(cache.sentinel()).orElseThrow();
            SentinelService wantSentinels = (SentinelService) declared.service("watchers").orElseThrow();
            assertThat(sentinels.quorum()).isEqualTo(wantSentinels.quorum());
            assertThat(sentinels.instances()).extracting(Endpoint::port)
                    .containsExactlyInAnyOrderElementsOf(wantSentinels.instances().stream().map(Endpoint::port).toList());
        }
    }
}
