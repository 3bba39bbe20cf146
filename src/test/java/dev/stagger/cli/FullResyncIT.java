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
 * Issue 9, hazard 4 (redis#13483, seed 002) on a real master, two replicas and three sentinels: the
 * failover target r2 is in sync, but r3 lost its link while more than r2's backlog (16 KiB) was
 * written. After failing over to r2, r3 could not continue from r2's backlog and would full-resync:
 * run --dry-run and validate --live refuse (full-resync, naming r3); --allow-full-resync accepts the
 * resync but not a fork that may not fit the target's memory; once r3 has caught up, it passes.
 */
class FullResyncIT {
    @TempDir
    Path dir;

    @Test
    void aReplicaOlderThanTheTargetsBacklogIsRefusedUntilItCatchesUp() throws Exception {
        try (FailoverLab lab = FailoverLab.withSentinels()) {
            RedisNode r1 = lab.redis("r1");
            RedisNode r2 = lab.redis("r2");
            RedisNode r3 = lab.redis("r3");
            writeInventory(lab);
            Path plan = dir.resolve("plan.yaml");
            Files.writeString(plan, "plan: move\ninventory: inventory.yaml\nsteps:\n  - id: move\n    failover: cache\n"
                    + "    to: " + r2.endpoint() + "\n");
            r2.call("CONFIG", "SET", "repl-backlog-size", "16384");

            CliResult inSync = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(inSync.exitCode()).as("every replica in sync: " + inSync).isZero();

            // r3 loses its link and stays answering: it cannot authenticate to r1 any more (a user r1 does not have).
            r3.call("CONFIG", "SET", "masteruser", "stagger-lab-cut");
            r3.call("CONFIG", "SET", "masterauth", "x");
            r3.call("CLIENT", "KILL", "TYPE", "master");
            LabSupport.await("r3's link down", Duration.ofSeconds(10), Duration.ofMillis(50),
                    () -> "down".equals(r3.info("master_link_status")) ? null : r3.info("master_link_status"));
            r1.call("EVAL", "for i=1,200 do redis.call('SET', 'k'..i, string.rep('x', 1000)) end", "0");
            LabSupport.await("r2's backlog past r3's offset", Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
                long first = Long.parseLong(r2.info("repl_backlog_first_byte_offset"));
                long r3Offset = Long.parseLong(r3.info("slave_repl_offset"));
                return first > r3Offset ? null : "backlog starts at " + first + ", r3 at " + r3Offset;
            });

            CliResult refused = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("safety gate: full-resync: after failing over to " + r2.endpoint()).contains(r3.endpoint() + " (offset ")
                    .contains("would need a full resync").contains("--allow-full-resync");
            CliResult validate = CliResult.run("validate", "--live", plan.toString());
            assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
            assertThat(validate.out()).contains("error: [full-resync]").contains(r3.endpoint() + " (offset ");

            CliResult allowed = CliResult.run("run", plan.toString(), "--dry-run", "--allow-full-resync");
            assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
            // validate --live judges the same flag the same way: the resync is reported, as a warning, and r3's
            // broken link too (no step fails over to r3 or needs it in sync), so it agrees with the run: exit 0.
            CliResult validateAllowed = CliResult.run("validate", "--live", "--allow-full-resync", plan.toString());
            assertThat(validateAllowed.exitCode()).as(validateAllowed.toString()).isZero();
            assertThat(validateAllowed.out()).as(validateAllowed.toString()).contains("warning: [full-resync]")
                    .doesNotContain("error: [full-resync]").contains("warning: [replica-sync]");

            // The resync is accepted, but its fork may need up to twice r2's memory: half of maxmemory is too much.
            long used = Long.parseLong(r2.info("used_memory"));
            r2.call("CONFIG", "SET", "maxmemory", Long.toString(used * 2));
            CliResult noRoom = CliResult.run("run", plan.toString(), "--dry-run", "--allow-full-resync");
            assertThat(noRoom.exitCode()).as(noRoom.toString()).isEqualTo(1);
            assertThat(noRoom.err()).contains("memory-headroom: ").contains("the fork with which " + r2.endpoint()
                    + " would serve that full resync");
            r2.call("CONFIG", "SET", "maxmemory", "0");
            assertThat(r1.info("role")).as("nothing moved").isEqualTo("master");

            // r3 reconnects and continues from r1's (1 MiB) backlog: nothing left to refuse.
            r3.call("CONFIG", "SET", "masteruser", "");
            r3.call("CONFIG", "SET", "masterauth", "");
            LabSupport.await("r3 caught up", Duration.ofSeconds(15), Duration.ofMillis(50),
                    () -> "up".equals(r3.info("master_link_status"))
                            && r3.info("slave_repl_offset").equals(r1.info("master_repl_offset")) ? null : "not yet");
            CliResult caughtUp = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(caughtUp.exitCode()).as(caughtUp.toString()).isZero();
            CliResult validOk = CliResult.run("validate", "--live", plan.toString());
            assertThat(validOk.exitCode()).as(validOk.toString()).isZero();
        }
    }

    private void writeInventory(FailoverLab lab) throws IOException {
        Files.writeString(dir.resolve("inventory.yaml"), lab.inventoryYaml("resync-lab", null));
    }
}
