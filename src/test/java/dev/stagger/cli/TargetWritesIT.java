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
 * the switch; with min-replicas-max-lag 0 (which turns the setting off) or min-replicas-to-write 1 the
 * same failover passes. A target whose maxmemory is below the master's data is refused too (OOM with
 * noeviction, evictions otherwise), and passes once it has room.
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

            // min-replicas-max-lag 0 turns min-replicas-to-write off in Redis: nothing to refuse.
            lab.redis("app2").call("CONFIG", "SET", "min-replicas-max-lag", "0");
            CliResult noLagLimit = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(noLagLimit.exitCode()).as(noLagLimit.toString()).isZero();
            lab.redis("app2").call("CONFIG", "SET", "min-replicas-max-lag", "10");

            lab.redis("app2").call("CONFIG", "SET", "min-replicas-to-write", "1");
            CliResult passes = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(passes.exitCode()).as(passes.toString()).isZero();

            // maxmemory below the master's data: a replica ignores it, a promoted one would refuse writes
            // (noeviction: OOM) or evict at once. The fix names the size to set.
            lab.redis("app1").call("EVAL", "for i=1,100 do redis.call('SET', 'big'..i, string.rep('x', 10000)) end", "0");
            long data = Long.parseLong(lab.redis("app1").info("used_memory"));
            lab.redis("app2").call("CONFIG", "SET", "maxmemory", Long.toString(data / 2));
            CliResult oom = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(oom.exitCode()).as(oom.toString()).isEqualTo(1);
            assertThat(oom.err()).contains("target-writes").contains("has maxmemory " + data / 2 + ", below the ")
                    .contains("refuse writes with OOM (maxmemory-policy noeviction)").contains("CONFIG SET maxmemory ");
            lab.redis("app2").call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
            CliResult evicts = CliResult.run("validate", "--live", plan.toString());
            assertThat(evicts.exitCode()).as(evicts.toString()).isEqualTo(1);
            assertThat(evicts.out()).contains("error: [target-writes]").contains("(maxmemory-policy allkeys-lru)")
                    .contains("evict about ");
            lab.redis("app2").call("CONFIG", "SET", "maxmemory", "0");
            CliResult roomy = CliResult.run("run", plan.toString(), "--dry-run");
            assertThat(roomy.exitCode()).as(roomy.toString()).isZero();
        }
    }
}
