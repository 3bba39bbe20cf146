package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Inventory;
import dev.stagger.model.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rolling: "*"} takes every host, as any other glob does, in host name order. */
class RollingStarTest {
    private static final Inventory INVENTORY = InventoryLoader.parse("""
            cluster: c
            hosts:
              web2: { dc: dc1 }
              web10: { dc: dc2 }
              db.1: { dc: dc1 }
              cache_3: { dc: dc2 }
            services:
              web:
                kind: app
                instances: [web2, web10]
                min_healthy: 1
            """, "inventory.yaml");

    @Test
    void a_lone_star_takes_every_host_like_an_equivalent_glob() {
        List<String> star = ids("*");
        assertThat(star).containsExactly("all/cache_3", "all/db.1", "all/web10", "all/web2");
        assertThat(ids("**")).isEqualTo(star);
        assertThat(ids("*?")).isEqualTo(star);
    }

    private static List<String> ids(String glob) {
        String plan = "plan: p\ninventory: inventory.yaml\nsteps:\n  - id: all\n    rolling: \"" + glob + "\"\n";
        return PlanLoader.parse(plan, "plan.yaml", INVENTORY).steps().stream().map(Step::id).toList();
    }
}
