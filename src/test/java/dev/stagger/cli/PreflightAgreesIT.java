package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import dev.stagger.lab.RedisNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 6: the pre-flight must say what the run will do. A BGSAVE on the instance a plan
 * stops is a warning for the cluster as a whole, but run halts on it: validate --live exits 1 for a
 * plan that stops it, and stays 0 for a plan that leaves it alone. plan --live and validate --live
 * give the same exit for the same cluster.
 */
class PreflightAgreesIT {

    @Test
    void aBgsaveOnTheInstanceToStopFailsThePreflightAsItWouldTheRun() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            lab.awaitSettled(Duration.ofSeconds(15));
            Path stopsApp2 = lab.dir().resolve("app2.yaml");
            Files.writeString(stopsApp2, "plan: app2\ninventory: inventory.yaml\nsteps:\n  - id: app2-drives\n    maintain: [app2]\n");
            Path stopsArb3 = lab.dir().resolve("arb3.yaml");
            Files.writeString(stopsArb3, "plan: arb3\ninventory: inventory.yaml\nsteps:\n  - id: arb3-kernel\n    maintain: [arb3]\n");
            RedisNode app2 = lab.startSlowBgsave("app2");
            assertThat(app2.info("rdb_bgsave_in_progress")).isEqualTo("1");

            CliResult actsOnIt = CliResult.run("validate", "--live", stopsApp2.toString());
            assertThat(actsOnIt.exitCode()).as(actsOnIt.toString()).isEqualTo(1);
            assertThat(actsOnIt.out()).contains("error: [persistence]");

            CliResult leavesItAlone = CliResult.run("validate", "--live", stopsArb3.toString());
            assertThat(leavesItAlone.exitCode()).as(leavesItAlone.toString()).isZero();
            assertThat(leavesItAlone.out()).contains("warning: [persistence]");
        }
    }

    @Test
    void planLiveRefusesWhatValidateLiveRefuses() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            lab.awaitSettled(Duration.ofSeconds(15));
            Path plan = lab.dir().resolve("plan.yaml");
            Files.writeString(plan, "plan: all\ninventory: inventory.yaml\nsteps:\n  - maintain: [app2]\n  - maintain: [app1]\n");
            lab.redis("app1").stop();
            lab.redis("app2").stop();

            CliResult validate = CliResult.run("validate", "--live", plan.toString());
            CliResult planned = CliResult.run("plan", "--live", plan.toString());
            assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
            assertThat(planned.exitCode()).as(planned.toString()).isEqualTo(validate.exitCode());
            assertThat(planned.out()).as("no plan is written").isEmpty();
            assertThat(planned.err()).contains("unreachable").contains("not planning");
        }
    }
}
