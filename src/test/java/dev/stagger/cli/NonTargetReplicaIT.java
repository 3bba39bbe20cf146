package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.failover.FailoverLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-flight agrees with the run on a replica that is out of sync (issue 9, deliverable 6), on a real
 * master r1, replicas r2 and r3 and three sentinels, with r3's link down (it still answers). A plan
 * that never needs r3 (a failover to r2): run --dry-run proceeds and validate --live exits 0, warning
 * about r3 (status still reports it as an error). A plan that needs r3, as the copy that stays in sync
 * while r2 restarts, or as the only replica a failover could promote once r2 is down: both refuse,
 * naming the step and r3.
 */
class NonTargetReplicaIT {
    @TempDir
    Path dir;

    @Test
    void aReplicaOutOfSyncIsABlockerOnlyWhereAStepNeedsIt() throws Exception {
        try (FailoverLab lab = FailoverLab.withSentinels()) {
            RedisNode r2 = lab.redis("r2");
            RedisNode r3 = lab.redis("r3");
            writeInventory(lab, null);
            Path moveToR2 = plan("move-to-r2", "  - id: move\n    failover: cache\n    to: " + r2.endpoint() + "\n");
            Path restartR2 = plan("restart-r2", "  - id: r2-kernel\n    maintain: [r2]\n");
            cutLink(r3);

            CliResult dryMove = CliResult.run("run", moveToR2.toString(), "--dry-run");
            assertThat(dryMove.exitCode()).as("the run never waits for r3: " + dryMove).isZero();
            CliResult validateMove = CliResult.run("validate", "--live", moveToR2.toString());
            assertThat(validateMove.exitCode()).as(validateMove.toString()).isZero();
            assertThat(validateMove.out()).contains("warning: [replica-sync]").contains("cache@" + r3.endpoint())
                    .contains("master_link_status:down").contains("run will not stop for it")
                    .contains("one copy fewer").contains("fix: wait until cache@" + r3.endpoint())
                    .doesNotContain("error: [replica-sync]");
            CliResult status = CliResult.run("status", "-i", inventory().toString());
            assertThat(status.exitCode()).as("status (no plan) still reports it: " + status).isEqualTo(1);
            assertThat(status.out()).contains("replica-sync");
            // plan --live cannot know before planning whether a step will need r3: it refuses, and says how to check.
            CliResult planLive = CliResult.run("plan", "--live", moveToR2.toString());
            assertThat(planLive.exitCode()).as(planLive.toString()).isEqualTo(1);
            assertThat(planLive.out()).as("no plan is written").isEmpty();
            assertThat(planLive.err()).contains("run may stop on").contains("check the plan with validate --live");

            // Restarting r2 leaves r3 as the only replica, and it is not in sync: the run's gate stops there.
            CliResult dryRestart = CliResult.run("run", restartR2.toString(), "--dry-run");
            assertThat(dryRestart.exitCode()).as(dryRestart.toString()).isEqualTo(1);
            assertThat(dryRestart.err()).contains("replica-sync").contains(r3.endpoint());
            CliResult validateRestart = CliResult.run("validate", "--live", restartR2.toString());
            assertThat(validateRestart.exitCode()).as(validateRestart.toString()).isEqualTo(1);
            assertThat(validateRestart.out()).contains("error: [replica-sync]").contains("r2-kernel")
                    .contains("cache@" + r3.endpoint() + " is not in sync: master_link_status:down; it must be in sync");
        }
    }

    @Test
    void theOnlyReplicaAFailoverCouldPromoteIsNeededByThatStep() throws Exception {
        try (FailoverLab lab = FailoverLab.withSentinels()) {
            RedisNode r2 = lab.redis("r2");
            RedisNode r3 = lab.redis("r3");
            // r2's host is down for repair, declared so: r3 is the only replica left.
            r2.stop();
            lab.sentinels().get(1).stop();
            writeInventory(lab, "r2");
            Path switchMaster = plan("switch", "  - id: switch-master\n    failover: cache\n");
            cutLink(r3);

            CliResult dry = CliResult.run("run", switchMaster.toString(), "--dry-run");
            assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(1);
            assertThat(dry.err()).contains("no-failover-target").contains(r3.endpoint() + " not in sync: master_link_status:down");
            CliResult validate = CliResult.run("validate", "--live", switchMaster.toString());
            assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
            assertThat(validate.out()).contains("error: [no-failover-target]").contains("switch-master")
                    .contains(r3.endpoint() + " not in sync: master_link_status:down")
                    .contains(r2.endpoint() + " down at this point of the plan")
                    .doesNotContain("warning: [replica-sync]");
        }
    }

    /** r3 loses its link and keeps answering: it cannot authenticate to r1 any more (a user r1 does not have). */
    private static void cutLink(RedisNode r3) {
        r3.call("CONFIG", "SET", "masteruser", "stagger-lab-cut");
        r3.call("CONFIG", "SET", "masterauth", "x");
        r3.call("CLIENT", "KILL", "TYPE", "master");
        LabSupport.await("r3's link down", Duration.ofSeconds(10), Duration.ofMillis(50),
                () -> "down".equals(r3.info("master_link_status")) ? null : r3.info("master_link_status"));
    }

    private Path plan(String name, String steps) throws IOException {
        Path p = dir.resolve(name + ".yaml");
        Files.writeString(p, "plan: " + name + "\ninventory: inventory.yaml\nsteps:\n" + steps);
        return p;
    }

    private Path inventory() {
        return dir.resolve("inventory.yaml");
    }

    private void writeInventory(FailoverLab lab, String downHost) throws IOException {
        Files.writeString(inventory(), lab.inventoryYaml("sync-lab", downHost));
    }
}
