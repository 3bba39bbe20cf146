package dev.stagger.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.HostileText;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Auth;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import java.util.List;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Property;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HostileNamesTest} for any text a sentinel may send: whatever the master name and whatever the
 * notes and sources discover writes as comments, the inventory parses back to the same master name,
 * with the services the cluster has and no other, and no character a terminal must not see raw.
 */
class HostileNamesPropertyTest {
    static Stream<Arguments> nameAndNote() {
        return Samples.of("nameAndNote", 200, HostileText.any(), HostileText.any());
    }

    @Property
    @MethodSource("nameAndNote")
    void anyMasterNameRoundTrips(String name, String note) {
        var master = new Topology.SentinelMaster(name, DiscoverUnitTest.a("10.0.1.10:6379"),
                List.of(DiscoverUnitTest.a("10.0.2.10:6379")), 2,
                List.of(DiscoverUnitTest.a("10.0.1.10:26379"), DiscoverUnitTest.a("10.0.2.10:26379"),
                        DiscoverUnitTest.a("10.0.3.10:26379")), List.of(note));
        Topology t = new Topology(DiscoverUnitTest.AT, List.of("sentinel " + note), List.of(master), null);
        String yaml = InventoryWriter.write(t, new InventoryWriter.Options("moscow",
                DcMap.of(Map.of("10.0.1.*", "dc1", "10.0.2.*", "dc2", "10.0.3.*", "dc3")), Auth.NONE, Auth.NONE));

        Inventory inv = InventoryLoader.parse(yaml, "discovered.yaml");
        assertThat(inv.services()).as(yaml).hasSize(2);
        RedisService redis = inv.services().values().stream().filter(RedisService.class::isInstance)
                .map(RedisService.class::cast).findFirst().orElseThrow();
        assertThat(redis.masterName()).as(yaml).isEqualTo(name);
        assertThat(HostileText.firstRaw(yaml)).as(yaml).isNegative();
    }
}
