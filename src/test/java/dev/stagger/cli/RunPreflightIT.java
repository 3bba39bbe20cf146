package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A fresh {@code run} refuses a plan that is unsafe as a whole before touching anything: the
 * seed-000 incident plan (both hosts unordered, no failover) never reaches its first hook.
 */
class RunPreflightIT {

    @Test
    void theIncidentPlanIsRefusedBeforeAnyHookRuns() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path marker = lab.dir().resolve("hook-ran");
            Path journal = lab.dir().resolve("run.journal");
            String touch = "[\"touch\", \"" + marker + "\"]";
            Path plan = lab.dir().resolve("incident.yaml");
            Files.writeString(plan, "plan: incident\ninventory: inventory.yaml\norder: graph\nsteps:\n"
                    + "  - id: dc1\n    maintain: [app1]\n    down: " + touch + "\n    up: " + touch + "\n"
                    + "  - id: dc2\n    maintain: [app2]\n    down: " + touch + "\n    up: " + touch + "\n");
            String masterBefore = lab.sentinel("arb3").masterAddress(RedisLab.MASTER_NAME);

            CliResult r = CliResult.run("run", plan.toString(), "--yes", "--max-parallel", "2",
                    "--journal", journal.toString());

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("[master-down]").contains("[failover-quorum]")
                    .contains("nothing was done");
            assertThat(marker).doesNotExist();
            assertThat(journal).doesNotExist();
            assertThat(lab.sentinel("arb3").masterAddress(RedisLab.MASTER_NAME)).isEqualTo(masterBefore);

            // The safe order of the same work passes the preflight (checked with --dry-run: nothing runs).
            Path safe = lab.dir().resolve("safe.yaml");
            Files.writeString(safe, "plan: safe\ninventory: inventory.yaml\nsteps:\n"
                    + "  - id: dc2\n    maintain: [app2]\n    down: " + touch + "\n    up: " + touch + "\n"
                    + "  - id: move\n    failover: cache\n    to: app2:" + lab.redis("app2").port() + "\n"
                    + "  - id: dc1\n    maintain: [app1]\n    down: " + touch + "\n    up: " + touch + "\n");
            CliResult dry = CliResult.run("run", safe.toString(), "--dry-run");
            assertThat(dry.err()).doesNotContain("not running");
            assertThat(dry.exitCode()).as(dry.toString()).isZero();
            assertThat(marker).doesNotExist();
        }
    }
}
