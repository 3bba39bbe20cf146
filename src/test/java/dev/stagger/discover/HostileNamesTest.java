package dev.stagger.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Auth;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a sentinel reports is not to be trusted: a master name with a newline once ended a YAML
 * comment and injected a `kind: app` service. Whatever the name, the written inventory parses back
 * to the same master name, with no service the cluster did not have.
 */
class HostileNamesTest {
    private static final List<String> HOSTILE = List.of(
            "cache\nevil:\n  kind: app\n  instances: [h-10-0-1-10]",
            "cache # not a comment",
            "\"quoted\" and \\back\\slashed",
            "esc\u001b[2Kape",
            "bidi\u202eesrever",
            "tab\there",
            "- [list]",
            "yes");

    @Test
    void everyHostileMasterNameRoundTrips() {
        for (String name : HOSTILE) {
            var master = new Topology.SentinelMaster(name, DiscoverUnitTest.a("10.0.1.10:6379"),
                    List.of(DiscoverUnitTest.a("10.0.2.10:6379")), 2,
                    List.of(DiscoverUnitTest.a("10.0.1.10:26379"), DiscoverUnitTest.a("10.0.2.10:26379"),
                            DiscoverUnitTest.a("10.0.3.10:26379")), List.of("note from " + name));
            Topology t = new Topology(DiscoverUnitTest.AT, List.of("sentinel " + name), List.of(master), null);
            String yaml = InventoryWriter.write(t, new InventoryWriter.Options("moscow",
                    DcMap.of(Map.of("10.0.1.*", "dc1", "10.0.2.*", "dc2", "10.0.3.*", "dc3")), Auth.NONE, Auth.NONE));

            Inventory inv = InventoryLoader.parse(yaml, "discovered.yaml");
            assertThat(inv.services()).as(yaml).hasSize(2);
            RedisService redis = inv.services().values().stream().filter(RedisService.class::isInstance)
                    .map(RedisService.class::cast).findFirst().orElseThrow();
            assertThat(redis.masterName()).as(yaml).isEqualTo(name);
            assertThat(yaml.chars().filter(c -> c == 0x1b || c == 0x202e).count()).as("raw control characters").isZero();
        }
    }
}
