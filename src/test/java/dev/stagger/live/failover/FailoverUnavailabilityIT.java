package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The same writer (SET + WAIT 1 1000, following the sentinels) through stagger's steered failover and
 * through a bare {@code SENTINEL FAILOVER}: the longest gap between acknowledged writes of each, and
 * how many acknowledged writes each lost, printed for the report. Only stagger's is asserted lossless.
 */
class FailoverUnavailabilityIT {

    @Test
    void steeredFailoverVersusBareSentinelFailover() {
        try (FailoverLab lab = FailoverLab.withSentinels()) {
            AckedWriter ours = new AckedWriter(MasterFinder.bySentinels(lab.sentinels()), null);
            FailoverOutcome outcome;
            try (ours) {
                ours.awaitMoreAcks(50, 5000);
                outcome = Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"), lab.endpoint("r2"),
                        LabSettings.FAST, line -> { });
                ours.awaitMoreAcks(50, 10_000);
            }
            List<String> lostOurs;
            try (Jedis j = new Jedis("127.0.0.1", lab.redis("r2").port())) {
                lostOurs = ours.missingOn(j);
            }
            lab.awaitSettled(Duration.ofSeconds(20));

            AckedWriter bare = new AckedWriter(MasterFinder.bySentinels(lab.sentinels()), null);
            String newMaster;
            try (bare) {
                bare.awaitMoreAcks(50, 5000);
                lab.sentinels().get(0).call("SENTINEL", "FAILOVER", FailoverLab.MASTER_NAME);
                newMaster = awaitSentinelsLeave(lab, "127.0.0.1:" + lab.redis("r2").port());
                bare.awaitMoreAcks(50, 15_000);
            }
            List<String> lostBare;
            try (Jedis j = new Jedis(redis.clients.jedis.HostAndPort.from(newMaster))) {
                lostBare = bare.missingOn(j);
            }
            System.out.printf("write unavailability (longest gap between acknowledged writes):%n"
                            + "  stagger steered failover: %d ms (no writable master %d ms), %d of %d acknowledged writes lost%n"
                            + "  bare SENTINEL FAILOVER:   %d ms, %d of %d acknowledged writes lost%n",
                    ours.longestGapMillis(), outcome.noWritableMaster().toMillis(), lostOurs.size(), ours.acks().size(),
                    bare.longestGapMillis(), lostBare.size(), bare.acks().size());
            assertThat(lostOurs).isEmpty();
        }
    }

    private static String awaitSentinelsLeave(FailoverLab lab, String oldMaster) {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            String first = null;
            boolean agree = true;
            for (SentinelNode s : lab.sentinels()) {
                String a = s.masterAddress(FailoverLab.MASTER_NAME);
                first = first == null ? a : first;
                agree &= a != null && a.equals(first) && !a.equals(oldMaster);
            }
            if (agree) {
                return first;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("the sentinels did not agree on a new master");
    }
}
