package dev.stagger.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LabSmokeIT {

    @Test
    void seed000LabReplicatesAgreesAndCleansUp() throws Exception {
        List<ProcessHandle> started = new ArrayList<>();
        try (RedisLab lab = RedisLab.seed000()) {
            RedisNode master = lab.redis("app1");
            RedisNode replica = lab.redis("app2");
            assertThat(master.info("role")).isEqualTo("master");
            assertThat(replica.info("role")).isEqualTo("slave");
            assertThat(replica.info("master_link_status")).isEqualTo("up");

            master.call("SET", "smoke", "1");
            assertThat(master.call("WAIT", "1", "2000")).isEqualTo(1L);
            assertThat(replica.call("GET", "smoke")).isEqualTo("1");

            for (SentinelNode s : lab.sentinels()) {
                assertThat(s.masterAddress(RedisLab.MASTER_NAME)).isEqualTo("127.0.0.1:" + master.port());
                assertThat(s.knownSentinels(RedisLab.MASTER_NAME)).isEqualTo(2);
                assertThat(s.call("SENTINEL", "CKQUORUM", RedisLab.MASTER_NAME).toString()).startsWith("OK");
            }

            String inventory = Files.readString(lab.inventory());
            assertThat(inventory).contains("address: 127.0.0.1")
                    .contains("app1:" + master.port())
                    .contains("master: app1:" + master.port())
                    .contains("arb3:" + lab.sentinel("arb3").port());

            // A hook in another JVM stops and starts the same processes.
            assertThat(labCtl("stop", lab, "arb3")).isZero();
            assertThat(lab.sentinel("arb3").isRunning()).isFalse();
            assertThat(labCtl("start", lab, "arb3")).isZero();
            assertThat(lab.sentinel("arb3").isRunning()).isTrue();
            assertThat(lab.sentinel("arb3").masterAddress(RedisLab.MASTER_NAME)).isEqualTo("127.0.0.1:" + master.port());

            // Restart keeps data dir and config: the replica comes back replicating.
            lab.stop("app2");
            assertThat(replica.isRunning()).isFalse();
            lab.start("app2");
            lab.awaitSettled(java.time.Duration.ofSeconds(10));
            assertThat(replica.info("master_link_status")).isEqualTo("up");
            assertThat(replica.call("GET", "smoke")).isEqualTo("1");

            for (String h : RedisLab.HOSTS) {
                for (ServerProcess p : lab.nodesOn(h)) {
                    long pid = Long.parseLong(Files.readString(p.dir().resolve("pid")).trim());
                    ProcessHandle.of(pid).ifPresent(started::add);
                }
            }
            assertThat(started).hasSize(5);
        }
        assertThat(started).noneMatch(ProcessHandle::isAlive);
    }

    private static int labCtl(String action, RedisLab lab, String host) throws Exception {
        Process p = new ProcessBuilder(LabCtl.command(action, lab.dir(), host)).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
