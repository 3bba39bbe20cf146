package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.model.Inventory;
import dev.stagger.model.Plan;
import dev.stagger.model.StaggerException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large files, valid and broken, load completely and report what they should (their speed is the
 * benchmark's to measure: a unit test asserting time fails on a loaded CI machine). Nothing in the loader may be quadratic in the
 * number of hosts, instances, steps or errors. (3,000 hosts is far beyond any real inventory yet
 * small enough that SnakeYAML's own time on a busy 2-core machine leaves a wide margin.)
 */
class LargeInputTest {
    private static final int HOSTS = 3_000;

    static String inventory() {
        StringBuilder sb = new StringBuilder("cluster: big\nhosts:\n");
        for (int i = 0; i < HOSTS; i++) {
            sb.append(String.format("  h%05d: { dc: dc%d }%n", i, i % 3));
        }
        sb.append("services:\n  web:\n    kind: app\n    min_healthy: 90%\n    instances:\n");
        for (int i = 0; i < HOSTS; i++) {
            sb.append(String.format("      - h%05d%n", i));
        }
        sb.append("  sessions:\n    kind: redis-cluster\n    instances:\n");
        for (int i = 0; i < 2000; i++) {
            sb.append(String.format("      - h%05d:7000%n", i));
        }
        sb.append("    shards:\n");
        for (int i = 0; i < 2000; i += 2) {
            sb.append(String.format("      - [h%05d:7000, h%05d:7000]%n", i, i + 1));
        }
        return sb.toString();
    }

    @BeforeAll
    static void warmUp() {
        // The first parse pays for class loading and JIT; the limit is about the loader's own work.
        InventoryLoader.parse(inventory(), "warm.yaml");
    }

    @Test
    void aLargeInventoryAndPlanLoadQuickly() {
        String text = inventory();
        assertThat(text.length()).isLessThan(SafeYaml.MAX_CODE_POINTS);
        Inventory inv = (InventoryLoader.parse(text, "big.yaml"));
        assertThat(inv.hosts()).hasSize(HOSTS);

        StringBuilder plan = new StringBuilder("plan: big\norder: graph\nsteps:\n");
        for (int i = 0; i < HOSTS; i++) {
            plan.append(String.format("  - maintain: [h%05d, \"h0000*\", web@h%05d]%n    after: [step-%d]%n",
                    i, i, Math.max(1, i)));
        }
        plan.append("  - rolling: service:web\n  - stop: dc:dc1\n");
        Plan p = (PlanLoader.parse(plan.toString().replace(
                "after: [step-1]\n", "\n"), "big-plan.yaml", inv));
        assertThat(p.steps()).hasSize(2 * HOSTS + 1);
    }

    @Test
    void aLargeBrokenPlanStopsCountingButStaysFast() {
        Inventory inv = InventoryLoader.parse(inventory(), "big.yaml");
        StringBuilder plan = new StringBuilder("plan: big\nsteps:\n");
        for (int i = 0; i < HOSTS; i++) {
            plan.append(String.format("  - maintain: [x%05d, \"dc:nowhere%d\", \"zz*\"]%n    after: [nope%d]%n", i, i, i));
        }
        StaggerException e = (catchThrowableOfType(StaggerException.class,
                () -> PlanLoader.parse(plan.toString(), "broken.yaml", inv)));
        assertThat(e.diagnostics()).hasSize(Diagnostics.MAX + 1);
        assertThat(e.diagnostics().get(0).message()).isEqualTo("unknown host `x00000`; did you mean `h00000`?");
    }

    @Test
    void aLargeBrokenInventoryStaysFast() {
        String broken = inventory().replace("  h0", "  g0").replace(":7000, h", ":7000, g");
        StaggerException e = (catchThrowableOfType(StaggerException.class,
                () -> InventoryLoader.parse(broken, "broken.yaml")));
        assertThat(e.diagnostics()).hasSize(Diagnostics.MAX + 1);
    }
}
