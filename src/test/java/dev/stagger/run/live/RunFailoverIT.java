package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.run.JournalEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.DefaultJedisClientConfig;

/**
 * A real run of "fail cache over to r2, then maintain r1" on three redis-servers: through steered
 * Sentinel (r3 is the replica the sentinels prefer, so the steering has to work, and priorities come
 * back) and without sentinels (the FAILOVER TO steps by hand) with a password file. A writer with acknowledged writes runs
 * throughout, and r1 must come back from its restart as a replica of r2.
 */
class RunFailoverIT {
    @TempDir
    Path dir;

    /** The lab as an inventory file (the lab builds its inventory in memory). */
    private static Path writeInventory(FailoverLab lab, Path labDir, Path passwordFile) throws IOException {
        StringBuilder y = new StringBuilder("cluster: failover-lab\ndefaults:\n  min_ready: 500ms\n  ready_timeout: 30s\nhosts:\n");
        for (int i = 0; i < 3; i++) {
            y.append("  r").append(i + 1).append(": { dc: dc").append(i + 1).append(", address: 127.0.0.1 }\n");
        }
        y.append("services:\n  cache:\n    kind: redis\n    instances: [")
                .append(String.join(", ", FailoverLab.HOSTS.stream().map(h -> lab.endpoint(h).toString()).toList())).append("]\n")
                .append("    master: ").append(lab.endpoint("r1")).append('\n');
        if (!lab.sentinels().isEmpty()) {
            y.append("    sentinel: watchers\n    master_name: ").append(FailoverLab.MASTER_NAME).append('\n');
            y.append("  watchers:\n    kind: sentinel\n    instances: [")
                    .append(String.join(", ", lab.sentinels().stream().map(SentinelNode::endpoint).toList()))
                    .append("]\n    quorum: 2\n");
        }
        if (passwordFile != null) {
            y.insert(y.indexOf("    master: "), "    auth: { password_file: " + passwordFile + " }\n");
        }
        Path inv = labDir.resolve("inventory.yaml");
        Files.writeString(inv, y.toString());
        return inv;
    }

    private CliResult runFailoverThenMaintain(FailoverLab lab, Supplier<HostAndPort> findMaster) throws IOException {
        Path labDir = Path.of(lab.inventory().file()).getParent();
        // LabCtl finds a host's processes under LABDIR/nodes/HOST; this lab keeps them under LABDIR/HOST.
        Files.createSymbolicLink(labDir.resolve("nodes"), labDir);
        Path passwordFile = lab.password() == null ? null : labDir.resolve("redis.password");
        Path inventory = writeInventory(lab, labDir, passwordFile);
        Path plan = new LabPlan(labDir)
                .failover("failover-cache", "cache", lab.endpoint("r2").toString(), null)
                .maintain("maintain-r1", "r1", "500ms", "30s")
                .write(dir, "move-and-maintain", inventory);
        Path journal = dir.resolve("run.journal");
        CliResult r;
        AckedWriter writer = new AckedWriter(findMaster, lab.password());
        try {
            writer.awaitMoreAcks(20, 5000);
            r = CliResult.run("run", plan.toString(), "--yes", "--journal", journal.toString());
            writer.awaitMoreAcks(20, 10000);
        } finally {
            writer.close();
        }
        List<String> missing;
        try (Jedis master = new Jedis(new HostAndPort("127.0.0.1", lab.redis("r2").port()),
                DefaultJedisClientConfig.builder().password(lab.password()).build())) {
            missing = writer.missingOn(master);
        }
        System.out.printf("%s: %d acknowledged writes, %d unconfirmed, longest gap %d ms, %d missing%n",
                lab.sentinels().isEmpty() ? "FAILOVER TO" : "sentinel", writer.acks().size(), writer.unconfirmed(),
                writer.longestGapMillis(), missing.size());
        assertThat(missing).as("acknowledged writes lost").isEmpty();
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(lab.redis("r2").info("role")).isEqualTo("master");
        for (String h : List.of("r1", "r3")) {
            RedisNode n = lab.redis(h);
            assertThat(n.info("role")).as(h).isEqualTo("slave");
            assertThat(n.info("master_port")).as(h).isEqualTo(Integer.toString(lab.redis("r2").port()));
            assertThat(n.info("master_link_status")).as(h).isEqualTo("up");
        }
        List<JournalEvent> events = LabPlan.journal(journal);
        assertThat(LabPlan.indexOf(events, "hook-started", "maintain-r1", "down"))
                .isGreaterThan(LabPlan.indexOf(events, "step-done", "failover-cache", null));
        return r;
    }

    @Test
    void steeredSentinelFailoverRestoresPriorities() throws IOException {
        try (FailoverLab lab = FailoverLab.withSentinels()) {
            CliResult r = runFailoverThenMaintain(lab, MasterFinder.bySentinels(lab.sentinels()));
            assertThat(r.err()).contains("set replica-priority 0 on", "restored replica-priority 10 on", "SENTINEL FAILOVER cache");
            for (String h : FailoverLab.HOSTS) {
                assertThat(String.valueOf(lab.redis(h).call("CONFIG", "GET", "replica-priority")))
                        .as(h + " priority").contains(FailoverLab.PRIORITIES.get(h));
            }
            for (SentinelNode s : lab.sentinels()) {
                assertThat(s.masterAddress(FailoverLab.MASTER_NAME)).isEqualTo("127.0.0.1:" + lab.redis("r2").port());
            }
        }
    }

    @Test
    void failoverToWithoutSentinelsAndAPasswordFile() throws IOException {
        try (FailoverLab lab = FailoverLab.withoutSentinels("run-it-secret")) {
            CliResult r = runFailoverThenMaintain(lab, MasterFinder.byRole(lab.redisNodes()));
            assertThat(r.err()).contains("paused writes on", "REPLICAOF NO ONE sent to", "CONFIG REWRITE on");
            assertThat(r.toString()).doesNotContain("run-it-secret");
        }
    }
}
