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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;
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

    @AfterEach
    void showProgress(TestInfo test) {
        System.out.println(test.getDisplayName() + ":");
        progress.forEach(p -> System.out.println("  " + p));
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

    @Test
    @Order(2)
    void verificationCatchesAnOldMasterThatDoesNotReplicate() {
        // r2 is master now. With a wrong masterauth it cannot sync from r1 once demoted: every command
        // succeeds, and only the verification can tell.
        lab.redis("r2").call("CONFIG", "SET", "masterauth", "not-the-password");
        try {
            assertThatThrownBy(() -> Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r2"),
                    lab.endpoint("r1"), LabSettings.FAST.withVerifyTimeout(Duration.ofSeconds(2)), progress::add))
                    .isInstanceOf(FailoverException.class)
                    .hasMessageContaining("r2:" + lab.redis("r2").port() + " (the old master) does not replicate from r1")
                    .hasMessageContaining("master_link_status:up")
                    .satisfies(e -> assertThat(((FailoverException) e).exitCode()).isEqualTo(ExitCode.RUN_FAILED));
            assertPrioritiesRestored();
        } finally {
            lab.redis("r2").call("CONFIG", "SET", "masterauth", "");
        }
        lab.awaitSettled(Duration.ofSeconds(20));
        assertThat(lab.masterHost()).isEqualTo("r1");
    }

    @Test
    @Order(3)
    void refusesATargetThatCannotCatchUpAndRestoresPriorities() {
        List<Thread> sleepers = new ArrayList<>();
        Runnable freezeTarget = () -> {
            // The target stops processing its replication stream while the master keeps writing.
            Thread t = new Thread(() -> lab.redis("r3").call("DEBUG", "SLEEP", "3"));
            t.start();
            sleepers.add(t);
            sleep(100);
            lab.redis("r1").call("SET", "written-while-r3-sleeps", "1");
        };
        assertThatThrownBy(() -> Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"),
                lab.endpoint("r3"), LabSettings.FAST.withCatchUpTimeout(Duration.ofSeconds(1)), line -> {
                    progress.add(line);
                    if (line.contains("to hold every write")) {
                        freezeTarget.run();
                    }
                }))
                .isInstanceOf(FailoverException.class)
                .satisfies(e -> assertThat(((FailoverException) e).exitCode()).isEqualTo(ExitCode.UNSAFE))
                .hasMessageContaining("did not catch up");
        assertThat(progress).anyMatch(l -> l.startsWith("set replica-priority 0 on r2"));
        joinAll(sleepers);
        assertPrioritiesRestored();
        assertThat(lab.masterHost()).isEqualTo("r1");
        assertThat(lab.redis("r1").call("SET", "still-writable", "1")).isEqualTo("OK");
        lab.awaitSettled(Duration.ofSeconds(20));
    }

    @Test
    @Order(4)
    void aTargetDyingDuringTheSwitchFailsRestoresPrioritiesAndResumesWrites() {
        assertThatThrownBy(() -> Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"),
                lab.endpoint("r2"), LabSettings.FAST.withSwitchTimeout(Duration.ofSeconds(2)), line -> {
                    progress.add(line);
                    if (line.startsWith("SENTINEL FAILOVER")) {
                        lab.redis("r2").kill();
                    }
                }))
                .isInstanceOf(FailoverException.class)
                .satisfies(e -> assertThat(((FailoverException) e).exitCode()).isEqualTo(ExitCode.RUN_FAILED))
                // Stagger's switch timeout or the sentinel's own abort (no good replica), whichever comes first.
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("did not promote r2",
                        "gave up the failover without promoting r2"))
                // Writes are paused only once the sentinel is about to promote; if it gave up before, they never were.
                .satisfies(e -> assertThat(progress.stream().anyMatch(l -> l.startsWith("resumed writes on r1"))
                        || e.getMessage().contains("writes were never paused")).isTrue());
        assertThat(String.valueOf(lab.redis("r3").call("CONFIG", "GET", "replica-priority")))
                .isEqualTo("[replica-priority, 10]");
        assertThat(lab.redis("r1").info("role")).isEqualTo("master");
        assertThat(lab.redis("r1").call("SET", "writable-after-failure", "1")).isEqualTo("OK");
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void assertPrioritiesRestored() {
        for (Map.Entry<String, String> e : FailoverLab.PRIORITIES.entrySet()) {
            Object reply = lab.redis(e.getKey()).call("CONFIG", "GET", "replica-priority");
            assertThat(String.valueOf(reply)).as("replica-priority of " + e.getKey()).isEqualTo("[replica-priority, " + e.getValue() + "]");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
