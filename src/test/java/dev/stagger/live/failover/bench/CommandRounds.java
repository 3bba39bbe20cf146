package dev.stagger.live.failover.bench;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.live.failover.FailoverSettings;
import dev.stagger.live.failover.Failovers;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Bare {@code FAILOVER TO} against stagger's failover of a group without sentinels (the same steps
 * made by hand: pause, promote, demote, resume; then it re-points the other replica and verifies),
 * alternating. The writer finds the
 * master by ROLE. After a bare round the other replica, left following the old master, is re-pointed
 * outside the measurement, so that every round starts from the same shape.
 */
final class CommandRounds {
    private final int pairs;
    private final PrintStream log;

    CommandRounds(int pairs, PrintStream log) {
        this.pairs = pairs;
        this.log = log;
    }

    List<Round> run() {
        List<Round> rounds = new ArrayList<>();
        String password = "bench-" + System.nanoTime();
        try (FailoverLab lab = FailoverLab.withoutSentinels(password)) {
            for (int i = 0; i < 2 * pairs; i++) {
                rounds.add(round(lab, password, i % 2 == 1, i + 1));
            }
        }
        return rounds;
    }

    private Round round(FailoverLab lab, String password, boolean stagger, int n) {
        String master = lab.masterHost();
        String target = FailoverLab.HOSTS.get((FailoverLab.HOSTS.indexOf(master) + 1) % 3);
        AckedWriter writer = new AckedWriter(MasterFinder.byRole(lab.redisNodes()), password);
        try (writer) {
            writer.awaitMoreAcks(50, 10_000);
            if (stagger) {
                Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint(master), lab.endpoint(target),
                        FailoverSettings.DEFAULTS, line -> { });
            } else {
                lab.redis(master).call("FAILOVER", "TO", "127.0.0.1", Integer.toString(lab.redis(target).port()),
                        "TIMEOUT", "30000");
            }
            LabSupport.await("the handover to " + target, Duration.ofSeconds(30), Duration.ofMillis(5),
                    () -> "slave".equals(lab.redis(master).info("role")) && "master".equals(lab.redis(target).info("role"))
                            ? null : master + " is " + lab.redis(master).info("role"));
            writer.awaitMoreAcks(50, 20_000);
        }
        for (RedisNode r : lab.redisNodes()) {
            if (r != lab.redis(target) && !String.valueOf(lab.redis(target).port()).equals(r.info("master_port"))) {
                r.replicaOf(lab.redis(target).port());
            }
        }
        lab.awaitSettled(Duration.ofSeconds(30));
        Round r;
        try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", lab.redis(target).port()),
                DefaultJedisClientConfig.builder().password(password).build())) {
            r = Round.judge(stagger, writer, j);
        }
        log.println("  FAILOVER TO " + n + ": " + master + " -> " + target + ", " + r);
        return r;
    }
}
