package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.failover.FailoverLab;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * After a steered failover, with Redis's own 10 s sentinel INFO period: every sentinel's first INFO
 * of a replica after it switched to the new master already shows the replica's own priority, not
 * the temporary 0 (which a sentinel caches for an INFO period, answering NOGOODSLAVE or skipping the
 * replica in a real outage meanwhile). stagger restores priorities as soon as the target is
 * promoted, before the sentinels switch and re-read the replicas.
 */
class RestoredPriorityIT {

    @Test
    void sentinelsSeeTheRestoredPriorityRightAfterTheSwitch() {
        try (FailoverLab lab = FailoverLab.withSentinels(null)) {
            // The steering must be seen at Redis's own INFO period: up to 10 s before the switch.
            FailoverSettings settings = LabSettings.FAST.withCatchUpTimeout(Duration.ofSeconds(25));
            Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"), lab.endpoint("r2"), settings, line -> { });
            int r3 = lab.redis("r3").port();
            for (SentinelNode s : lab.sentinels()) {
                // A replica entry is made anew when a sentinel switches master; its first INFO comes soon after.
                LabSupport.await(s + " to read the INFO of r3 after the switch", Duration.ofSeconds(15),
                        Duration.ofMillis(20), () -> {
                            Optional<Map<String, String>> e = entry(s, r3);
                            if (e.isEmpty()) {
                                return "r3 not listed: " + replicas(s);
                            }
                            // 0 until the first INFO of the new entry (whose priority is then Sentinel's default).
                            long age = Long.parseLong(e.get().get("info-refresh"));
                            return age > 0 && age < 9_000 ? null : "info-refresh " + age;
                        });
                assertThat(entry(s, r3).orElseThrow().get("slave-priority"))
                        .as(s + "'s view of r3's priority after the switch").isEqualTo(FailoverLab.PRIORITIES.get("r3"));
            }
        }
    }

    private static Optional<Map<String, String>> entry(SentinelNode s, int port) {
        return replicas(s).stream().filter(r -> Integer.toString(port).equals(r.get("port"))).findFirst();
    }

    private static java.util.List<Map<String, String>> replicas(SentinelNode s) {
        try (Jedis j = new Jedis("127.0.0.1", s.port())) {
            return j.sentinelReplicas(FailoverLab.MASTER_NAME);
        }
    }
}
