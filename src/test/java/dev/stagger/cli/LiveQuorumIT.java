package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import dev.stagger.lab.SentinelNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 2: sentinels configured with quorum 3 while the inventory says 2. Maintaining the
 * arbiter leaves two sentinels, which the declared quorum allows and the live one does not: killing the
 * master then would trigger no failover. The live checks judge by the live quorum and say both.
 */
class LiveQuorumIT {

    @Test
    void theLiveQuorumWinsOverTheDeclaredOne() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            lab.awaitSettled(Duration.ofSeconds(15));
            Path plan = lab.dir().resolve("plan.yaml");
            Files.writeString(plan, "plan: arbiter\ninventory: inventory.yaml\nsteps:\n  - id: arb3-kernel\n    maintain: [arb3]\n");
            Path inventory = lab.dir().resolve("inventory.yaml");

            // Safe counterpart first: live quorum 2 as declared.
            CliResult sameQuorum = CliResult.run("validate", "--live", plan.toString());
            assertThat(sameQuorum.exitCode()).as(sameQuorum.toString()).isZero();

            for (SentinelNode s : lab.sentinels()) {
                s.call("SENTINEL", "SET", RedisLab.MASTER_NAME, "quorum", "3");
            }

            CliResult declared = CliResult.run("validate", plan.toString());
            assertThat(declared.exitCode()).as("the file alone still says quorum 2: " + declared).isZero();

            CliResult live = CliResult.run("validate", "--live", plan.toString());
            assertThat(live.exitCode()).as(live.toString()).isEqualTo(1);
            assertThat(live.out()).contains("[failover-quorum]").contains("quorum 3")
                    .contains("[drift]").contains("the sentinels watch " + RedisLab.MASTER_NAME + " with quorum 3, the inventory says 2");

            // run refuses before touching anything: its preflight checks the plan on the live quorum
            CliResult dry = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(1);
            assertThat(dry.err()).contains("[failover-quorum]").contains("a failover needs 3 (quorum 3");

            CliResult status = CliResult.run("status", "-i", inventory.toString());
            assertThat(status.out()).as(status.toString()).contains("quorum 3 ok").contains("quorum 3, declared 2");
        }
    }
}
