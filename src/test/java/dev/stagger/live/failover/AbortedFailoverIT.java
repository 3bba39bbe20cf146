package dev.stagger.live.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.lab.failover.Stall;
import dev.stagger.model.ExitCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A sentinel that gives a failover up after stagger paused the old master's writes: the target
 * refuses {@code SLAVEOF NO ONE} (its ACL), so the sentinel aborts once its failover-timeout passes.
 * stagger must resume the writes as soon as the sentinel says so, not at its own switch timeout (set
 * to minutes here: a writer that recovers within seconds shows the pause was lifted), report what
 * happened, and lose nothing. Both switches: pause one tick ahead ({@link TimedSwitch}) and pause
 * first, with a sentinel too slow to answer ({@link PausedSwitch}).
 */
class AbortedFailoverIT {
    private static final Duration SENTINEL_GIVES_UP_AFTER = Duration.ofMillis(1500);
    private static FailoverLab lab;

    @BeforeAll
    static void startLab() {
        lab = FailoverLab.withSentinels();
        for (SentinelNode s : lab.sentinels()) {
            s.call("SENTINEL", "SET", FailoverLab.MASTER_NAME, "failover-timeout",
                    Long.toString(SENTINEL_GIVES_UP_AFTER.toMillis()));
        }
        lab.redis("r2").call("ACL", "SETUSER", "default", "-slaveof", "-replicaof");
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void anAbortAfterTheTimedPauseResumesWritesAtOnce() {
        List<String> progress = failOverToARefusingTarget();
        assertThat(indexOf(progress, "paused writes on")).as("paused after SENTINEL FAILOVER: " + progress)
                .isGreaterThan(indexOf(progress, "SENTINEL FAILOVER"));
    }

    @Test
    void anAbortWhileAPausedFirstSwitchWaitsResumesWritesAtOnce() {
        List<String> progress;
        try (Stall stall = new Stall(lab.sentinels().get(0), 80, 2)) {
            progress = failOverToARefusingTarget();
        }
        assertThat(progress).as("the pause came early: " + progress).anyMatch(l -> l.contains("pausing writes before "
                + "SENTINEL FAILOVER") || l.contains("too slow to wait for the tick before the promotion"));
    }

    private static List<String> failOverToARefusingTarget() {
        lab.awaitSettled(Duration.ofSeconds(20));
        assertThat(lab.masterHost()).isEqualTo("r1");
        List<String> progress = new CopyOnWriteArrayList<>();
        FailoverSettings settings = LabSettings.FAST.withSwitchTimeout(Duration.ofSeconds(120));
        AckedWriter writer = new AckedWriter(MasterFinder.bySentinels(lab.sentinels()), null);
        FailoverException failure;
        try (writer) {
            writer.awaitMoreAcks(50, 5000);
            failure = catchThrowableOfType(() -> Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"),
                    lab.endpoint("r2"), settings, progress::add), FailoverException.class);
            // Seconds, where the pause would last two minutes had the abort gone unnoticed.
            writer.awaitMoreAcks(50, 10_000);
        }
        progress.forEach(l -> System.out.println("  " + l));
        assertThat(failure).as("the failover fails").isNotNull();
        System.out.println("aborted: " + failure.getMessage());
        assertThat(failure.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(failure.getMessage()).contains("gave up the failover without promoting r2",
                "writes on r1:" + lab.redis("r1").port() + " were resumed at once", "still the master");
        assertThat(progress).anyMatch(l -> l.startsWith("paused writes on r1"))
                .anyMatch(l -> l.startsWith("resumed writes on r1"));
        assertThat(lab.redis("r1").info("role")).isEqualTo("master");
        assertThat(lab.redis("r2").info("master_port")).isEqualTo(Integer.toString(lab.redis("r1").port()));
        for (String h : FailoverLab.HOSTS) {
            assertThat(String.valueOf(lab.redis(h).call("CONFIG", "GET", "replica-priority")))
                    .as(h + " priority restored").contains(FailoverLab.PRIORITIES.get(h));
        }
        assertLostNothing(writer);
        return progress;
    }

    private static void assertLostNothing(AckedWriter writer) {
        try (Jedis j = new Jedis("127.0.0.1", lab.redis("r1").port())) {
            AckedWriter.Lost lost = writer.lostOn(j);
            List<String> lostAccepted = lost.accepted();
            List<String> lostAcked = lost.acked();
            assertThat(lostAcked).as("acknowledged writes lost").isEmpty();
            assertThat(lostAccepted).as("accepted writes lost").isEmpty();
        }
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
