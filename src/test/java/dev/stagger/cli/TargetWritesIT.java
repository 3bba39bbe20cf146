package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 3: a failover target with min-replicas-to-write 2 while only the old master would
 * follow it. Promoted, ROLE says master and every write gets NOREPLICAS. The gate refuses it before
 * the switch; with min-replicas-to-write 1 the same failover passes.
 */
class TargetWritesIT {

    @Test
    void aTargetThatWouldRefuseWritesIsRefusedBeforeTheSwitch() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            lab.awaitSettled(Duration.ofSeconds(15));
            String to = "app2:" + lab.redis("app2").port();
            Path plan = lab.dir().resolve("plan.yaml");
            Files.writeString(plan, "plan: move\ninventory: inventory.yaml\nsteps:\n  - id: move\n    failover: "
                    + RedisLab.MASTER_NAME + "\n    to: " + to + "\n");

            lab.redis("app2").call("CONFIG", "SET", "min-replicas-to-write", "2");
            CliResult refused = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("target-writes").contains("min-replicas-to-write 2 but only 1 replica would follow it")
                    .contains("NOREPLICAS");
            CliResult live = CliResult.run("validate", "--live", plan.toString());
            assertThat(live.exitCode()).as(live.toString()).isEqualTo(1);
            assertThat(live.out()).contains("error: [target-writes]");
            assertThat(lab.redis("app1").info("role")).as("nothing moved").isEqualTo("master");

            lab.redis("app2").call("CONFIG", "SET", "min-replicas-to-write", "1");
            CliResult passes = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(passes.exitCode()).as(passes.toString()).isZero();
        }
    }
}
