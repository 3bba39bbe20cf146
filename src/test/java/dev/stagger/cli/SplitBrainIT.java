package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisLab;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.SentinelNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 7 (kubeblocks' wipe) on a real lab: the replica app2 is made a master (REPLICAOF NO
 * ONE) while the sentinels still name app1. status and validate --live report the split brain with
 * each side's keys, offset and writes since the split, and keep the side that took the writes: app1
 * while only app1 is written, then app2, the side the sentinels do NOT name, once it took more; the
 * advice then re-points the sentinels before demoting app1. Run exactly as printed, it converges and
 * app2's writes survive.
 */
class SplitBrainIT {

    @Test
    void theAdviceKeepsTheSideWithTheWritesAndConverges() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            lab.awaitSettled(Duration.ofSeconds(15));
            String inventory = lab.inventory().toString();
            Path plan = lab.dir().resolve("plan.yaml");
            Files.writeString(plan, "plan: arb3\ninventory: inventory.yaml\nsteps:\n  - id: arb3-kernel\n    maintain: [arb3]\n");
            RedisNode app1 = lab.redis("app1");
            RedisNode app2 = lab.redis("app2");
            // Sentinels turn a replica that says master back into a replica 4 hello periods after it said so,
            // wiping it: the very hazard. Slowed down here so the split stays while the test looks at it.
            for (SentinelNode s : lab.sentinels()) {
                s.call("SENTINEL", "DEBUG", "PUBLISH-PERIOD", "60000");
            }
            app2.call("REPLICAOF", "NO", "ONE");
            app1.call("EVAL", "for i=1,20 do redis.call('SET', 'old'..i, 'v') end", "0");

            CliResult dataOnApp1 = CliResult.run("status", "-i", inventory);
            assertThat(dataOnApp1.exitCode()).as(dataOnApp1.toString()).isEqualTo(1);
            assertThat(dataOnApp1.out()).contains("[split-brain]").contains("bytes written since the split")
                    .contains("keep " + app1.endpoint() + " (it took the most writes since the split)")
                    .contains("on " + app2.endpoint() + ": REPLICAOF 127.0.0.1 " + app1.port())
                    .doesNotContain("SENTINEL MONITOR");

            app2.call("EVAL", "for i=1,200 do redis.call('SET', 'new'..i, string.rep('x', 100)) end", "0");
            String monitor = "SENTINEL MONITOR " + RedisLab.MASTER_NAME + " 127.0.0.1 " + app2.port() + " 2";
            String demote = "on " + app1.endpoint() + ": REPLICAOF 127.0.0.1 " + app2.port();
            CliResult dataOnApp2 = CliResult.run("status", "-i", inventory);
            assertThat(dataOnApp2.exitCode()).as(dataOnApp2.toString()).isEqualTo(1);
            assertThat(dataOnApp2.out()).contains("keep " + app2.endpoint() + " (it took the most writes since the split)")
                    .contains(app1.endpoint() + " took ").contains("point the sentinels at it first")
                    .contains(monitor).contains(demote);
            CliResult validate = CliResult.run("validate", "--live", plan.toString());
            assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
            assertThat(validate.out()).contains("error: [split-brain]").contains("keep " + app2.endpoint());

            // The advice, in its order: every sentinel re-monitors app2, then app1 follows app2.
            for (SentinelNode s : lab.sentinels()) {
                s.call("SENTINEL", "REMOVE", RedisLab.MASTER_NAME);
                s.call("SENTINEL", "MONITOR", RedisLab.MASTER_NAME, "127.0.0.1", Integer.toString(app2.port()), "2");
                s.call("SENTINEL", "SET", RedisLab.MASTER_NAME, "down-after-milliseconds", "1000");
            }
            for (SentinelNode s : lab.sentinels()) {
                s.call("SENTINEL", "DEBUG", "PUBLISH-PERIOD", "2000");
            }
            app1.replicaOf(app2.port());

            String master = "127.0.0.1:" + app2.port();
            LabSupport.await("status to pass after the advice", Duration.ofSeconds(30), Duration.ofMillis(500), () -> {
                CliResult r = CliResult.run("status", "-i", inventory);
                boolean agreed = lab.sentinels().stream().allMatch(s -> master.equals(s.masterAddress(RedisLab.MASTER_NAME)));
                return r.exitCode() == 0 && agreed ? null : r.toString();
            });
            assertThat(String.valueOf(app2.call("EXISTS", "new1", "new200"))).as("app2's writes survive").isEqualTo("2");
            assertThat(app1.info("role")).isEqualTo("slave");
        }
    }
}
