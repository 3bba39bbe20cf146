package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import dev.stagger.lab.SentinelNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code validate --live} judges the plan against the masters ROLE reports, not the declared ones. */
class ValidateLiveIT {

    @Test
    void liveMasterReplacesTheDeclaredOneAndDriftIsReported() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path plan = lab.dir().resolve("plan.yaml");
            Files.writeString(plan, "plan: dc1\ninventory: inventory.yaml\nsteps:\n  - id: dc1\n    maintain: [app1]\n");

            CliResult declared = CliResult.run("validate", plan.toString());
            assertThat(declared.exitCode()).as(declared.toString()).isEqualTo(1);
            assertThat(declared.out()).contains("master-down");

            // The master moves to app2 behind the inventory's back.
            lab.sentinel("app1").call("SENTINEL", "FAILOVER", RedisLab.MASTER_NAME);
            String app2 = "127.0.0.1:" + lab.redis("app2").port();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end && !(lab.sentinels().stream()
                    .allMatch(s -> app2.equals(s.masterAddress(RedisLab.MASTER_NAME)))
                    && "slave".equals(lab.redis("app1").info("role"))
                    && "up".equals(lab.redis("app1").info("master_link_status")))) {
                Thread.sleep(100);
            }
            assertThat(lab.sentinels()).extracting(s -> s.masterAddress(RedisLab.MASTER_NAME))
                    .containsOnly(app2);
            lab.awaitSettled(Duration.ofSeconds(15));

            // The old master may still be fed an RDB by the new one: while that resync lasts, validate --live
            // (like run) refuses a plan acting on the group; it must pass once the group is quiet.
            CliResult live = CliResult.run("validate", "--live", plan.toString());
            long quiet = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (live.exitCode() != 0 && live.out().contains("[resync]") && System.nanoTime() < quiet) {
                Thread.sleep(500);
                live = CliResult.run("validate", "--live", plan.toString());
            }
            assertThat(live.exitCode()).as(live.toString()).isZero();
            assertThat(live.out()).doesNotContain("master-down").contains("[drift]")
                    .contains("ROLE says the master is app2:" + lab.redis("app2").port());
        }
    }
}
