package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.RedisLab;
import dev.stagger.lab.SentinelNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 7: the advice for sentinels that disagree must converge on a real lab. One sentinel
 * is made to monitor the replica as master; status reports the split brain with SENTINEL REMOVE +
 * MONITOR; running exactly that on the wrong sentinel makes every sentinel agree again.
 */
class SentinelRepairIT {

    @Test
    void theAdvisedRemoveAndMonitorConverges() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            lab.awaitSettled(Duration.ofSeconds(15));
            String inventory = lab.dir().resolve("inventory.yaml").toString();
            int app1 = lab.redis("app1").port();
            int app2 = lab.redis("app2").port();
            SentinelNode arb3 = lab.sentinel("arb3");
            arb3.call("SENTINEL", "REMOVE", RedisLab.MASTER_NAME);
            arb3.call("SENTINEL", "MONITOR", RedisLab.MASTER_NAME, "127.0.0.1", Integer.toString(app2), "2");

            CliResult broken = CliResult.run("status", "-i", inventory);
            assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
            assertThat(broken.out()).contains("[split-brain]").contains("SENTINEL REMOVE " + RedisLab.MASTER_NAME
                    + ", then SENTINEL MONITOR " + RedisLab.MASTER_NAME + " 127.0.0.1 " + app1 + " 2");

            // The advice, as printed, on the sentinel that names the wrong master.
            arb3.call("SENTINEL", "REMOVE", RedisLab.MASTER_NAME);
            arb3.call("SENTINEL", "MONITOR", RedisLab.MASTER_NAME, "127.0.0.1", Integer.toString(app1), "2");

            String master = "127.0.0.1:" + app1;
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            CliResult fixed = CliResult.run("status", "-i", inventory);
            while (System.nanoTime() < end && (fixed.exitCode() != 0
                    || !lab.sentinels().stream().allMatch(s -> master.equals(s.masterAddress(RedisLab.MASTER_NAME))))) {
                Thread.sleep(500);
                fixed = CliResult.run("status", "-i", inventory);
            }
            assertThat(lab.sentinels()).extracting(s -> s.masterAddress(RedisLab.MASTER_NAME)).containsOnly(master);
            assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        }
    }
}
