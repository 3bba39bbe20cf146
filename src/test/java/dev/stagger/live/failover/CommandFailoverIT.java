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
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A group without sentinels, password from a file, under a writer: the switch made by hand
 * ({@link CommandSwitch}) loses no acknowledged and no accepted write, twice in a row; and a step
 * that fails leaves the old master in charge, says what happened, and loses nothing. The write gap
 * is the benchmark's business (FailoverBench), not this.
 */
class CommandFailoverIT {

    @Test
    void switchesByHandTwiceInARowAndLosesNoWrite() {
        String password = "lab-secret-" + System.nanoTime();
        try (FailoverLab lab = FailoverLab.withoutSentinels(password)) {
            for (String[] move : List.of(new String[] {"r1", "r3"}, new String[] {"r3", "r2"})) {
                String from = move[0];
                String to = move[1];
                String other = FailoverLab.HOSTS.stream().filter(h -> !h.equals(from) && !h.equals(to)).findFirst().orElseThrow();
                List<String> progress = new CopyOnWriteArrayList<>();
                AckedWriter writer = new AckedWriter(MasterFinder.byRole(lab.redisNodes()), password);
                FailoverOutcome outcome;
                try (writer) {
                    writer.awaitMoreAcks(50, 5000);
                    outcome = Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint(from), lab.endpoint(to),
                            LabSettings.FAST, progress::add);
                    writer.awaitMoreAcks(50, 10_000);
                }
                System.out.println(from + " -> " + to + " without sentinels: " + writer.accepted().size()
                        + " accepted, " + writer.acks().size() + " acknowledged, writer's gap " + writer.longestGapMillis() + " ms");
                progress.forEach(p -> System.out.println("  " + p));

                assertThat(outcome.method()).isEqualTo(FailoverMethod.FAILOVER_COMMAND);
                assertThat(lab.redis(to).info("role")).isEqualTo("master");
                assertThat(lab.redis(from).info("master_port")).isEqualTo(Integer.toString(lab.redis(to).port()));
                assertThat(lab.redis(other).info("master_port")).isEqualTo(Integer.toString(lab.redis(to).port()));
                assertThat(lab.redis(other).info("master_link_status")).isEqualTo("up");
                List<String> actions = outcome.actions();
                int paused = indexOf(actions, "paused writes on " + from);
                int promoted = indexOf(actions, "REPLICAOF NO ONE sent to " + to);
                int demoted = indexOf(actions, "made " + from + ":" + lab.redis(from).port() + " a replica of " + to);
                int resumed = indexOf(actions, "resumed writes on " + from);
                assertThat(List.of(paused, promoted, demoted, resumed)).as("pause, promote, demote, resume: " + actions)
                        .doesNotContain(-1).isSorted();
                assertThat(actions).anyMatch(a -> a.startsWith("made " + other + ":" + lab.redis(other).port()
                        + " a replica of " + to));
                assertThat(String.join("\n", progress) + outcome).doesNotContain(password);
                assertLostNothing(lab, to, password, writer);
            }
        }
    }

    @Test
    void aTargetThatRefusesThePromotionLeavesTheOldMasterInChargeAndLosesNothing() {
        // The inventory's user may not run REPLICAOF on r3: the promotion is refused after the pause.
        failOverR1ToR3WhileRefusingReplicaofOn("r3", failure -> assertThat(failure.getMessage()).contains(
                "REPLICAOF NO ONE on r3", "nothing was promoted", "writes on r1", "were resumed", "still the master"));
    }

    @Test
    void anOldMasterThatRefusesItsDemotionGetsThePromotionUndoneAndLosesNothing() {
        // r3 is promoted, then r1 refuses REPLICAOF: resuming r1 as it was would leave two masters.
        failOverR1ToR3WhileRefusingReplicaofOn("r1", failure -> assertThat(failure.getMessage()).contains("on r1",
                "failed", "REPLICAOF r3:", "was made a replica of r1:", "again", "still the master"));
    }

    /**
     * r1 -> r3 under a writer, with REPLICAOF denied on {@code refusing}: the switch fails (exit 3), r1
     * is master again with r3 its replica, and no write is lost. A pause limit of minutes: a writer
     * that recovers within seconds shows the pause was lifted.
     */
    private static void failOverR1ToR3WhileRefusingReplicaofOn(String refusing,
                                                              java.util.function.Consumer<FailoverException> message) {
        String password = "lab-secret-" + System.nanoTime();
        try (FailoverLab lab = FailoverLab.withoutSentinels(password)) {
            lab.redis(refusing).call("ACL", "SETUSER", "default", "-replicaof");
            AckedWriter writer = new AckedWriter(MasterFinder.byRole(lab.redisNodes()), password);
            FailoverException failure;
            try (writer) {
                writer.awaitMoreAcks(50, 5000);
                FailoverSettings settings = LabSettings.FAST.withSwitchTimeout(Duration.ofSeconds(120));
                failure = catchThrowableOfType(() -> Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint("r1"),
                        lab.endpoint("r3"), settings, line -> { }), FailoverException.class);
                writer.awaitMoreAcks(50, 10_000);
            }
            assertThat(failure).as("a failure").isNotNull();
            System.out.println("REPLICAOF refused on " + refusing + ": " + failure.getMessage());
            assertThat(failure.exitCode()).isEqualTo(ExitCode.RUN_FAILED);
            assertThat(failure.getMessage()).doesNotContain(password);
            message.accept(failure);
            assertThat(lab.redis("r1").info("role")).isEqualTo("master");
            assertThat(lab.redis("r3").info("role")).isEqualTo("slave");
            assertThat(lab.redis("r3").info("master_port")).isEqualTo(Integer.toString(lab.redis("r1").port()));
            assertLostNothing(lab, "r1", password, writer);
        }
    }

    private static void assertLostNothing(FailoverLab lab, String master, String password, AckedWriter writer) {
        try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", lab.redis(master).port()),
                DefaultJedisClientConfig.builder().password(password).build())) {
            AckedWriter.Lost lost = writer.lostOn(j);
            List<String> lostAccepted = lost.accepted();
            List<String> lostAcked = lost.acked();
            assertThat(writer.accepted()).as("the writer wrote").isNotEmpty();
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
