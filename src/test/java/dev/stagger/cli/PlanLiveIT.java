package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code plan --live} plans against the master ROLE reports, not the one the inventory declares. */
class PlanLiveIT {

    @Test
    void theLiveMasterIsMovedAndTheStaleDeclarationIsReportedAsDrift() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            int app1 = lab.redis("app1").port();
            int app2 = lab.redis("app2").port();
            // The inventory is out of date: it says the master is on app2; ROLE says app1.
            Path inventory = lab.dir().resolve("inventory.yaml");
            Path stale = lab.dir().resolve("stale-inventory.yaml");
            Files.writeString(stale, Files.readString(inventory)
                    .replace("master: app1:" + app1, "master: app2:" + app2));
            assertThat(Files.readString(stale)).contains("master: app2:" + app2);
            Path plan = lab.dir().resolve("plan.yaml");
            Files.writeString(plan, "plan: both\ninventory: stale-inventory.yaml\nsteps:\n"
                    + "  - id: dc1\n    maintain: [app1]\n  - id: dc2\n    maintain: [app2]\n");

            CliResult declared = CliResult.run("plan", plan.toString());
            assertThat(declared.exitCode()).as(declared.toString()).isZero();
            assertThat(declared.out()).contains("to: app1:" + app1).doesNotContain("to: app2:" + app2);

            CliResult live = CliResult.run("plan", "--live", plan.toString());
            assertThat(live.exitCode()).as(live.toString()).isZero();
            assertThat(live.out()).contains("to: app2:" + app2).doesNotContain("to: app1:" + app1);
            assertThat(live.err()).contains("[drift]").contains("waves 2 (lower bound 2), failovers 1 (lower bound 1)");
        }
    }
}
