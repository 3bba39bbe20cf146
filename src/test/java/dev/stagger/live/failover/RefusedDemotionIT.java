package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.model.ExitCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The sentinels promoted the target, but the old master refuses stagger's {@code REPLICAOF} (the
 * inventory's user lacks it). Resuming the old master's writes then would give two masters until
 * somebody re-points it, and erase what it took meanwhile: it must stay paused, the failure must say
 * how to finish, and once the operator does, no accepted write is lost.
 */
class RefusedDemotionIT {

    @Test
    void anOldMasterThatRefusesItsDemotionStaysPausedUntilItIsRepointed() {
        try (FailoverLab lab = FailoverLab.withSentinels()) {
            lab.awaitSettled(Duration.ofSeconds(20));
            assertThat(lab.masterHost()).isEqualTo("r1");
            lab.redis("r1").call("ACL", "SETUSER", "default", "-replicaof");
            List<String> progress = new CopyOnWriteArrayList<>();
            // A pause limit of a minute: longer than the sentinels take to re-point the old master.
            FailoverSettings settings = LabSettings.FAST.withSwitchTimeout(Duration.ofSeconds(60));
            AckedWriter writer = new AckedWriter(MasterFinder.bySentinels(lab.sentinels()), null);
            FailoverException failure;
            try (writer) {
                writer.awaitMoreAcks(50, 5000);
                failure = catchThrowableOfType(() -> Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"),
                        lab.endpoint("r3"), settings, progress::add), FailoverException.class);
                // The operator follows the message (SLAVEOF: the user lacks REPLICAOF). Had stagger resumed
                // r1's writes, the writes held by the pause would have been accepted there and now erased.
                lab.redis("r1").call("SLAVEOF", "127.0.0.1", Integer.toString(lab.redis("r3").port()));
                awaitReplicaOf(lab, "r1", "r3", Duration.ofSeconds(30));
                writer.awaitMoreAcks(50, 20_000);
            }
            progress.forEach(l -> System.out.println("  " + l));
            assertThat(failure).as("the failover fails").isNotNull();
            System.out.println("refused demotion: " + failure.getMessage());
            assertThat(failure.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
            assertThat(failure.getMessage()).contains("REPLICAOF r3:", "on r1:", "after the sentinels promoted r3:",
                    "was left paused", "Make it a replica now");
            assertThat(progress).as("no resume before the sentinels re-pointed r1: " + progress)
                    .noneMatch(l -> l.startsWith("resumed writes on r1"));
            assertThat(lab.redis("r3").info("role")).isEqualTo("master");
            assertLostNothing(lab, writer);
        }
    }

    private static void awaitReplicaOf(FailoverLab lab, String host, String master, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String port = Integer.toString(lab.redis(master).port());
        while (!(port.equals(lab.redis(host).info("master_port")) && "up".equals(lab.redis(host).info("master_link_status")))) {
            assertThat(System.nanoTime()).as(host + " re-pointed to " + master + " by the sentinels").isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void assertLostNothing(FailoverLab lab, AckedWriter writer) {
        try (Jedis j = new Jedis("127.0.0.1", lab.redis("r3").port())) {
            AckedWriter.Lost lost = writer.lostOn(j);
            List<String> lostAccepted = lost.accepted();
            List<String> lostAcked = lost.acked();
            assertThat(writer.accepted()).as("the writer wrote").isNotEmpty();
            assertThat(lostAcked).as("acknowledged writes lost").isEmpty();
            assertThat(lostAccepted).as("accepted writes lost").isEmpty();
        }
    }
}
