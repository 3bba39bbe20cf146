package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.lab.RedisNode;
import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.model.ExitCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

/**
 * Steered Sentinel failovers on one lab (1 master, 2 replicas, 3 sentinels; the sentinels prefer r3),
 * in order: a verified failover under acknowledged writes, then failures that must restore the
 * replica priorities and leave a writable master.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelFailoverIT {
    private static FailoverLab lab;
    private final List<String> progress = new CopyOnWriteArrayList<>();

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
    void movesTheMasterToTheSteeredTargetLosingNoAcknowledgedWrite() {
        AckedWriter writer = new AckedWriter(MasterFinder.bySentinels(lab.sentinels()), null);
        FailoverOutcome outcome;
        try (writer) {
            writer.awaitMoreAcks(50, 5000);
            outcome = Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"), lab.endpoint("r2"),
                    LabSettings.FAST, progress::add);
            writer.awaitMoreAcks(50, 10_000);
        }
        System.out.println("steered SENTINEL FAILOVER: no writable master for " + outcome.noWritableMaster().toMillis()
                + " ms; writer's longest gap between acknowledged writes " + writer.longestGapMillis() + " ms; "
                + writer.acks().size() + " acknowledged writes; total " + outcome.total().toMillis() + " ms");
        progress.forEach(p -> System.out.println("  " + p));

        assertThat(outcome.method()).isEqualTo(FailoverMethod.SENTINEL);
        assertThat(outcome.newMaster()).isEqualTo(lab.endpoint("r2"));
        assertThat(lab.redis("r2").info("role")).isEqualTo("master");
        assertThat(lab.redis("r1").info("master_port")).isEqualTo(Integer.toString(lab.redis("r2").port()));
        assertThat(lab.redis("r3").info("master_port")).isEqualTo(Integer.toString(lab.redis("r2").port()));
        for (SentinelNode s : lab.sentinels()) {
            assertThat(s.masterAddress(FailoverLab.MASTER_NAME)).isEqualTo("127.0.0.1:" + lab.redis("r2").port());
        }
        assertPrioritiesRestored();
        assertThat(outcome.actions()).anyMatch(a -> a.startsWith("set replica-priority 0 on " + lab.endpoint("r3")));
        assertThat(outcome.actions()).noneMatch(a -> a.contains("FAILOVER TO"));
        try (Jedis newMaster = new Jedis("127.0.0.1", lab.redis("r2").port())) {
            assertThat(writer.missingOn(newMaster)).as("acknowledged writes lost").isEmpty();
            assertThat(newMaster.keys(FailoverVerifier.TEST_KEY_PREFIX + "*")).isEmpty();
        }
    }

    private static void assertPrioritiesRestored() {
        for (Map.Entry<String, String> e : FailoverLab.PRIORITIES.entrySet()) {
            Object reply = lab.redis(e.getKey()).call("CONFIG", "GET", "replica-priority");
            assertThat(String.valueOf(reply)).as("replica-priority of " + e.getKey()).isEqualTo("[replica-priority, " + e.getValue() + "]");
        }
    }
}
