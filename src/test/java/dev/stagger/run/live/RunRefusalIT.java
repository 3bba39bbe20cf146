package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.lab.RedisNode;
import dev.stagger.run.JournalEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live safety gates that must halt a real run with exit 1 and nothing harmed: no hook of the refused
 * step ran (every host still runs), the master did not move, and the journal says why.
 */
class RunRefusalIT {
    private static final String WAIT_SAFE = "2s";

    @TempDir
    Path dir;

    /** failover to app2, then maintain app1: the failover's gate is the one under test. */
    private Path failoverPlan(RedisLab lab) {
        return new LabPlan(lab.dir())
                .failover("failover-cache", "cache", "app2:" + lab.redis("app2").port(), null)
                .maintain("maintain-app1", "app1", "500ms", "20s")
                .write(dir, "failover-first", lab.inventory());
    }

    private Path maintainApp2Plan(RedisLab lab) {
        return new LabPlan(lab.dir()).maintain("maintain-app2", "app2", "500ms", "20s")
                .write(dir, "maintain-app2", lab.inventory());
    }

    private CliResult refused(RedisLab lab, Path plan, String rule) {
        Path journal = dir.resolve("run.journal");
        CliResult r = CliResult.run("run", plan.toString(), "--yes", "--wait-safe", WAIT_SAFE, "--journal", journal.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).as(r.toString()).contains("halted before", rule, "nothing of this step was done");
        List<JournalEvent> events = LabPlan.journal(journal);
        assertThat(events).as("journal").anyMatch(e -> e.event().equals("gate-blocked") && rule.equals(e.detail("rule")));
        assertThat(events.get(events.size() - 1).event()).isEqualTo("run-halted");
        assertThat(LabPlan.count(events, "hook-started")).as("no hook ran").isZero();
        assertThat(LabPlan.count(events, "step-started")).as("no step started").isZero();
        assertThat(lab.redis("app1").info("role")).as("the master did not move").isEqualTo("master");
        for (RedisNode n : lab.redisNodes()) {
            assertThat(n.isRunning()).as(n + " still runs").isTrue();
        }
        return r;
    }

    @Test
    void failoverTargetInFullSync() {
        try (RedisLab lab = RedisLab.seed000()) {
            RedisNode master = lab.redis("app1");
            RedisNode app2 = lab.redis("app2");
            // A backlog too small for what app2 misses while down forces a full sync on its return,
            // and 0.05 s per key makes that sync last about 20 s.
            master.call("CONFIG", "SET", "repl-backlog-size", "16384");
            app2.stop();
            String value = "x".repeat(1000);
            for (int i = 0; i < 400; i++) {
                master.call("SET", "k" + i, value);
            }
            master.call("CONFIG", "SET", "rdb-key-save-delay", "50000");
            app2.start();
            long end = System.nanoTime() + 10_000_000_000L;
            while (!"1".equals(app2.info("master_sync_in_progress")) && System.nanoTime() < end) {
                sleep(50);
            }
            assertThat(app2.info("master_sync_in_progress")).isEqualTo("1");
            refused(lab, failoverPlan(lab), "replica-sync");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sentinelDownSoTheMajorityWouldBeLost() {
        try (RedisLab lab = RedisLab.seed000()) {
            lab.sentinel("arb3").stop();
            // Taking app2 (and its sentinel) down would leave 1 of 3 sentinels: no majority to fail over.
            CliResult r = refused(lab, maintainApp2Plan(lab), "unreachable");
            assertThat(r.err()).contains("only 1 of 3 sentinels", "arb3");
            assertThat(lab.sentinel("app2").isRunning()).isTrue();
        }
    }

    @Test
    void bgsaveInProgressOnTheInstanceToStop() {
        try (RedisLab lab = RedisLab.seed000()) {
            RedisNode app2 = lab.startSlowBgsave("app2");
            assertThat(app2.info("rdb_bgsave_in_progress")).isEqualTo("1");
            refused(lab, maintainApp2Plan(lab), "persistence");
        }
    }

    @Test
    void failoverTargetAboveMemoryHeadroom() {
        try (RedisLab lab = RedisLab.seed000()) {
            String value = "x".repeat(100_000);
            for (int i = 0; i < 30; i++) {
                lab.redis("app1").call("SET", "big" + i, value);
            }
            lab.redis("app1").call("WAIT", "1", "2000");
            // A replica ignores maxmemory until it is promoted. A limit below the data is target-writes (it would
            // refuse writes at once, TargetWritesIT); a limit just above it leaves no headroom: memory-headroom.
            long data = Math.max(Long.parseLong(lab.redis("app1").info("used_memory")),
                    Long.parseLong(lab.redis("app2").info("used_memory")));
            lab.redis("app2").call("CONFIG", "SET", "maxmemory", Long.toString(data * 21 / 20));
            refused(lab, failoverPlan(lab), "memory-headroom");
        }
    }

    @Test
    void twoMastersAtOnce() {
        try (RedisLab lab = RedisLab.seed000()) {
            lab.redis("app2").call("REPLICAOF", "NO", "ONE");
            refused(lab, maintainApp2Plan(lab), "split-brain");
        }
    }
}
