package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import org.junit.jupiter.api.Test;

/** An app pool without {@code health:} cannot be seen: its instances are unhealthy, and say why. */
class NoHealthCheckTest {

    @Test
    void anAppWithoutAHealthCheckIsUnhealthyWithAReasonNotACrash() {
        Inventory inv = InventoryLoader.parse("""
                cluster: nh
                hosts:
                  a1: { dc: dc1, address: 127.0.0.1 }
                services:
                  web:
                    kind: app
                    instances: [a1]
                """, "inv.yaml");
        Instance web = inv.allInstances().get(0);

        LiveSnapshot snapshot = new LiveProber().probe(inv);

        assertThat(snapshot.healthy(web)).isFalse();
        assertThat(snapshot.ready(web)).isFalse();
        assertThat(snapshot.reason(web)).contains("no `health:` declared for web");
        assertThat(LiveChecker.checkCluster(inv, snapshot)).anySatisfy(d -> {
            assertThat(d.rule()).isEqualTo("unreachable");
            assertThat(d.message()).contains("no `health:` declared");
        });
    }
}
