package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** FAILOVER TO on a group without sentinels, password from a file, under acknowledged writes. */
class CommandFailoverIT {

    @Test
    void handsOverWithFailoverToRepointsTheOtherReplicaAndLosesNoAcknowledgedWrite() {
        String password = "lab-secret-" + System.nanoTime();
        List<String> progress = new CopyOnWriteArrayList<>();
        try (FailoverLab lab = FailoverLab.withoutSentinels(password)) {
            AckedWriter writer = new AckedWriter(MasterFinder.byRole(lab.redisNodes()), password);
            FailoverOutcome outcome;
            try (writer) {
                writer.awaitMoreAcks(50, 5000);
                outcome = Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"), lab.endpoint("r3"),
                        LabSettings.FAST, progress::add);
                writer.awaitMoreAcks(50, 10_000);
            }
            System.out.println("FAILOVER TO: no writable master for " + outcome.noWritableMaster().toMillis()
                    + " ms; writer's longest gap between acknowledged writes " + writer.longestGapMillis() + " ms; "
                    + writer.acks().size() + " acknowledged writes");
            progress.forEach(p -> System.out.println("  " + p));

            assertThat(outcome.method()).isEqualTo(FailoverMethod.FAILOVER_COMMAND);
            assertThat(lab.redis("r3").info("role")).isEqualTo("master");
            assertThat(lab.redis("r1").info("master_port")).isEqualTo(Integer.toString(lab.redis("r3").port()));
            assertThat(lab.redis("r2").info("master_port")).isEqualTo(Integer.toString(lab.redis("r3").port()));
            assertThat(lab.redis("r2").info("master_link_status")).isEqualTo("up");
            assertThat(outcome.actions()).anyMatch(a -> a.startsWith("FAILOVER TO 127.0.0.1:" + lab.redis("r3").port()))
                    .anyMatch(a -> a.startsWith("made r2:" + lab.redis("r2").port() + " a replica of r3"));
            assertThat(String.join("\n", progress) + outcome).doesNotContain(password);
            try (Jedis newMaster = new Jedis(new HostAndPort("127.0.0.1", lab.redis("r3").port()),
                    DefaultJedisClientConfig.builder().password(password).build())) {
                assertThat(writer.missingOn(newMaster)).as("acknowledged writes lost").isEmpty();
            }
        }
    }
}
