package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.lab.failover.Stall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

/**
 * stagger's Sentinel failover, started before writes are paused (see {@link TimedSwitch}), loses no
 * write, several times in a row, also through a sentinel that answers late; and Sentinel still
 * manages the group afterwards. The write gap is the benchmark's business (FailoverBench), not this.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimedFailoverIT {
    private static FailoverLab lab;

    @BeforeAll
    static void startLab() {
        lab = FailoverLab.withSentinels();
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    @Order(1)
    void failoversInARowLoseNoAcknowledgedOrAcceptedWrite() {
        for (String target : List.of("r2", "r3")) {
            List<String> progress = failOverUnderWrites(target);
            assertThat(progress).as("the switch was started before the pause").anyMatch(l -> l.startsWith("SENTINEL FAILOVER"));
        }
    }

    @Test
    @Order(2)
    void aSentinelThatAnswersLateLosesNothing() {
        // The sentinel stagger talks to (the first) answers up to 80 ms late: too late to pause one tick
        // ahead of it, so stagger must pause before SENTINEL FAILOVER, or at once after it.
        List<String> progress;
        try (Stall stall = new Stall(lab.sentinels().get(0), 80, 2)) {
            progress = failOverUnderWrites("r1");
        }
        int failoverAt = indexOf(progress, "SENTINEL FAILOVER");
        int pausedAt = indexOf(progress, "paused writes on");
        System.out.println("stalled sentinel: paused " + (pausedAt < failoverAt ? "before" : "after")
                + " SENTINEL FAILOVER");
        progress.forEach(l -> System.out.println("  " + l));
        assertThat(failoverAt).isNotNegative();
        assertThat(pausedAt).isNotNegative();
        assertThat(progress).as("fell back to an early pause").anyMatch(l -> l.contains("pausing writes before "
                + "SENTINEL FAILOVER") || l.contains("too slow to wait for the tick before the promotion"));
    }

    @Test
    @Order(3)
    void sentinelStillManagesTheGroupAfterwards() {
        String master = lab.masterHost();
        String oldAddress = "127.0.0.1:" + lab.redis(master).port();
        for (SentinelNode s : lab.sentinels()) {
            assertThat(s.masterAddress(FailoverLab.MASTER_NAME)).isEqualTo(oldAddress);
        }
        // A bare failover, stagger not involved: the sentinels pick, promote and re-point by themselves.
        lab.sentinels().get(1).call("SENTINEL", "FAILOVER", FailoverLab.MASTER_NAME);
        LabSupport.await("the sentinels to agree on a new master", Duration.ofSeconds(15), Duration.ofMillis(20), () -> {
            String first = lab.sentinels().get(0).masterAddress(FailoverLab.MASTER_NAME);
            for (SentinelNode s : lab.sentinels()) {
                String a = s.masterAddress(FailoverLab.MASTER_NAME);
                if (a == null || a.equals(oldAddress) || !a.equals(first)) {
                    return s + " names " + a;
                }
            }
            return null;
        });
        lab.awaitSettled(Duration.ofSeconds(20));
        assertThat(lab.masterHost()).isNotEqualTo(master);
        assertThat(lab.redis(master).info("role")).isEqualTo("slave");
        assertThat(lab.redis(master).info("master_link_status")).isEqualTo("up");
    }

    /** One stagger failover to {@code target} under the writer; asserts the result and that nothing was lost. */
    private static List<String> failOverUnderWrites(String target) {
        lab.awaitSettled(Duration.ofSeconds(20));
        String master = lab.masterHost();
        List<String> progress = new CopyOnWriteArrayList<>();
        AckedWriter writer = new AckedWriter(MasterFinder.bySentinels(lab.sentinels()), null);
        try (writer) {
            writer.awaitMoreAcks(50, 5000);
            Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint(master), lab.endpoint(target),
                    LabSettings.FAST, progress::add);
            writer.awaitMoreAcks(50, 10_000);
        }
        assertThat(lab.redis(target).info("role")).isEqualTo("master");
        String newMaster = "127.0.0.1:" + lab.redis(target).port();
        for (SentinelNode s : lab.sentinels()) {
            assertThat(s.masterAddress(FailoverLab.MASTER_NAME)).as(s + " after " + master + " -> " + target)
                    .isEqualTo(newMaster);
        }
        assertThat(lab.redis(master).info("master_port")).isEqualTo(Integer.toString(lab.redis(target).port()));
        lab.awaitSettled(Duration.ofSeconds(20));
        try (Jedis j = new Jedis("127.0.0.1", lab.redis(target).port())) {
            AckedWriter.Lost lost = writer.lostOn(j);
            List<String> lostAccepted = lost.accepted();
            List<String> lostAcked = lost.acked();
            System.out.println(master + " -> " + target + ": " + writer.accepted().size() + " accepted, "
                    + writer.acks().size() + " acknowledged, gap " + writer.longestGapMillis() + " ms");
            assertThat(lostAcked).as("acknowledged writes lost, " + master + " -> " + target).isEmpty();
            assertThat(lostAccepted).as("accepted writes lost, " + master + " -> " + target).isEmpty();
        }
        return progress;
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
