package dev.stagger.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.live.cluster.ClusterNodesParser;
import dev.stagger.live.discover.LiveDiscovery;
import dev.stagger.model.Auth;
import dev.stagger.model.StaggerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class DiscoverUnitTest {
    static final Instant AT = Instant.parse("2025-11-27T07:00:00Z");

    static NetAddress a(String hostPort) {
        return NetAddress.parse(hostPort, "test");
    }

    static Topology sentinelAndCluster() {
        var cache = new Topology.SentinelMaster("cache", a("10.0.1.10:6379"), List.of(a("10.0.2.10:6379")), 2,
                List.of(a("10.0.1.10:26379"), a("10.0.2.10:26379"), a("10.0.3.10:26379")), List.of());
        var jobs = new Topology.SentinelMaster("Jobs Queue", a("10.0.2.10:6380"), List.of(a("10.0.1.10:6380")), 3,
                List.of(a("10.0.3.10:26379"), a("10.0.2.10:26379"), a("10.0.1.10:26379")),
                List.of("replica 10.0.1.10:6380 was flagged slave,s_down at discovery"));
        var cluster = LiveDiscovery.ClusterShape.of(a("10.0.1.10:7000"), ClusterNodesParser.parse("""
                a 10.0.1.10:7000@17000 myself,master - 0 0 1 connected 0-5460
                b 10.0.2.10:7000@17000 master - 0 0 2 connected 5461-10922
                c 10.0.9.9:7000@17000 master - 0 0 3 connected 10923-16383
                d 10.0.2.10:7001@17001 slave a 0 0 1 connected
                e 10.0.9.9:7001@17001 slave b 0 0 2 connected
                f 10.0.1.10:7001@17001 slave,fail? c 0 0 3 connected
                """));
        return new Topology(AT, List.of("sentinel 10.0.1.10:26379", "cluster node 10.0.1.10:7000"),
                List.of(jobs, cache), cluster);
    }

    static String write(Topology t, DcMap dcs) {
        return InventoryWriter.write(t, new InventoryWriter.Options("moscow", dcs,
                new Auth(null, "REDIS_PASSWORD", null, false), Auth.NONE));
    }

    @Test
    void writesTheGoldenInventory() throws IOException {
        String yaml = write(sentinelAndCluster(), DcMap.of(Map.of("10.0.1.*", "dc1", "h-10-0-2-*", "dc2")));
        Path golden = Path.of("src/test/resources/discover/sentinel-and-cluster.yaml");
        if (System.getenv("STAGGER_UPDATE_GOLDEN") != null) {
            Files.writeString(golden, yaml);
        }
        assertThat(yaml).isEqualTo(Files.readString(golden));
    }

    @Test
    void outputIsDeterministicAndSafeYaml() {
        Topology t = sentinelAndCluster();
        String yaml = write(t, DcMap.EMPTY);
        assertThat(write(t, DcMap.EMPTY)).isEqualTo(yaml);
        Map<String, Object> doc = new Yaml().load(yaml);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> hosts = (Map<String, Map<String, Object>>) doc.get("hosts");
        assertThat(hosts).containsOnlyKeys("h-10-0-1-10", "h-10-0-2-10", "h-10-0-3-10", "h-10-0-9-9");
        assertThat(hosts.values()).allSatisfy(h -> assertThat(h.get("dc")).isEqualTo("TODO-set-dc"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) doc.get("services");
        assertThat(services).containsOnlyKeys("cache", "jobs-queue", "sentinels", "redis-cluster");
        assertThat(services.get("jobs-queue")).containsEntry("master", "h-10-0-2-10:6380")
                .containsEntry("master_name", "Jobs Queue").containsEntry("sentinel", "sentinels");
        assertThat(services.get("sentinels")).containsEntry("quorum", 3);
        assertThat(services.get("redis-cluster").get("shards")).isEqualTo(List.of(
                List.of("h-10-0-1-10:7000", "h-10-0-2-10:7001"),
                List.of("h-10-0-2-10:7000", "h-10-0-9-9:7001"),
                List.of("h-10-0-9-9:7000", "h-10-0-1-10:7001")));
        assertThat(yaml).contains("4 hosts have `dc: TODO-set-dc`").doesNotContain("password:");
    }

    @Test
    void twoSentinelGroupsBecomeTwoServices() {
        var one = new Topology.SentinelMaster("a", a("10.0.0.1:6379"), List.of(), 2,
                List.of(a("10.0.0.1:26379")), List.of());
        var two = new Topology.SentinelMaster("b", a("10.0.0.2:6379"), List.of(), 1,
                List.of(a("10.0.0.2:26379")), List.of());
        String yaml = write(new Topology(AT, List.of("x"), List.of(one, two), null), DcMap.EMPTY);
        assertThat(yaml).contains("  sentinels-1:\n").contains("  sentinels-2:\n").contains("sentinel: sentinels-2\n");
    }

    @Test
    void hostNamesNeedNoDns() {
        assertThat(HostNames.of("10.0.1.10")).isEqualTo("h-10-0-1-10");
        assertThat(HostNames.of("::1")).isEqualTo("h-0-0-0-0-0-0-0-1");
        assertThat(HostNames.of("fe80::1:2")).isEqualTo("h-fe80-0-0-0-0-0-1-2");
        assertThat(HostNames.of("Redis-1.DC1.example")).isEqualTo("redis-1-dc1-example");
        assertThat(HostNames.of("1redis")).isEqualTo("h-1redis");
        assertThat(List.of("h-10-0-1-10", "h-10-0-1-9").stream().sorted(HostNames.NATURAL).toList())
                .containsExactly("h-10-0-1-9", "h-10-0-1-10");
    }

    @Test
    void dcMapMatchesAddressOrHostGlobsFirstWins(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("dcs.yaml");
        Files.writeString(f, "\"10.0.1.*\": dc1\n\"h-10-0-?-10\": dc2\n\"*\": dc3\n");
        DcMap m = DcMap.load(f);
        assertThat(m.dcFor("h-10-0-1-10", "10.0.1.10")).hasValue("dc1");
        assertThat(m.dcFor("h-10-0-2-10", "10.0.2.10")).hasValue("dc2");
        assertThat(m.dcFor("h-10-0-2-11", "10.0.2.11")).hasValue("dc3");
        assertThat(DcMap.of(Map.of("10.0.1.*", "dc1")).dcFor("h-10-0-11-1", "10.0.11.1")).isEmpty();
    }

    @Test
    void badDcMapIsBadInputWithPosition(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("dcs.yaml");
        Files.writeString(f, "\"10.0.1.*\": dc1\n\"10.0.1.*\": dc2\n");
        assertThatThrownBy(() -> DcMap.load(f)).isInstanceOfSatisfying(StaggerException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.diagnostics().get(0).render()).startsWith(f + ":2:1: error:");
        });
        Files.writeString(f, "- 10.0.1.*\n");
        assertThatThrownBy(() -> DcMap.load(f)).hasMessageContaining("must be a mapping");
        Files.writeString(f, "\"10.*\": [dc1]\n");
        assertThatThrownBy(() -> DcMap.load(f)).hasMessageContaining("must map to a dc name");
    }

    @Test
    void everyDcMapErrorIsLocatedInOnePass(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("dcs.yaml");
        Files.writeString(f, "\"10.0.[1\": dc1\n\"10.0.2.*\": \"dc 2\"\n\"10.0.[9-1]\": dc3\n\"10.0.3.*\": dc3\n");
        assertThatThrownBy(() -> DcMap.load(f)).isInstanceOfSatisfying(StaggerException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.diagnostics()).extracting(d -> d.render().replace(f.toString(), "dcs.yaml")).containsExactly(
                    "dcs.yaml:1:1: error: pattern `10.0.[1` is not a valid glob (an unclosed `[` or a reversed range); use *, ? and [1-3]",
                    "dcs.yaml:2:13: error: pattern `10.0.2.*` must map to a dc name (letters, digits, `.`, `_`, `-`), got `dc 2`",
                    "dcs.yaml:3:1: error: pattern `10.0.[9-1]` is not a valid glob (an unclosed `[` or a reversed range); use *, ? and [1-3]");
        });
        Files.writeString(f, "\"10.0.[1-3].*\": dc1\n");
        assertThat(DcMap.load(f).dcFor("h-10-0-2-10", "10.0.2.10")).hasValue("dc1");
        assertThatThrownBy(() -> DcMap.load(Path.of("/dev/zero"))).hasMessageContaining("is not a regular file");
    }

    @Test
    void badAddressesAreBadInput() {
        assertThatThrownBy(() -> NetAddress.parse("10.0.0.1", "--cluster")).hasMessage("--cluster expects HOST:PORT, got `10.0.0.1`");
        assertThatThrownBy(() -> NetAddress.parse("h:99999", "--sentinel")).hasMessageContaining("1 to 65535");
        assertThat(NetAddress.parse("[::1]:7000", "x")).isEqualTo(new NetAddress("::1", 7000));
    }

    @Test
    void clusterShapeNotesOddNodes() {
        var c = LiveDiscovery.ClusterShape.of(a("1.1.1.1:1"), ClusterNodesParser.parse("""
                a 1.1.1.1:1@2 myself,master - 0 0 1 connected 0-16383
                b :0@0 slave,noaddr a 0 0 1 disconnected
                c 1.1.1.2:1@2 master - 0 0 1 connected
                """));
        assertThat(c.shards()).extracting(Topology.Shard::slots).containsExactly("0-16383", "no slots");
        assertThat(c.notes()).containsExactly("left out node b (slave,noaddr): it has no address yet",
                "master 1.1.1.2:1 serves no slots");
    }
}
