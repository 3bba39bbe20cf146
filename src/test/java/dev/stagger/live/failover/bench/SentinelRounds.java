package dev.stagger.live.failover.bench;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.SentinelNode;
import dev.stagger.lab.failover.AckedWriter;
import dev.stagger.lab.failover.FailoverLab;
import dev.stagger.lab.failover.MasterFinder;
import dev.stagger.live.failover.FailoverSettings;
import dev.stagger.live.failover.Failovers;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.clients.jedis.Jedis;

/**
 * Bare {@code SENTINEL FAILOVER} (to the replica the sentinels prefer) against stagger's failover (to
 * the next replica in turn), alternating, on a master with two replicas and three sentinels. The
 * writer finds the master by asking the sentinels, as Sentinel-aware clients do.
 */
final class SentinelRounds {
    private final int pairs;
    private final Duration infoPeriod;
    private final PrintStream log;

    /** @param infoPeriod the sentinels' INFO period, null for Redis's own 10 s (as in production) */
    SentinelRounds(int pairs, Duration infoPeriod, PrintStream log) {
        this.pairs = pairs;
        this.infoPeriod = infoPeriod;
        this.log = log;
    }

    List<Round> run() {
        List<Round> rounds = new ArrayList<>();
        try (FailoverLab lab = FailoverLab.withSentinels(infoPeriod)) {
            for (int i = 0; i < 2 * pairs; i++) {
                rounds.add(round(lab, i % 2 == 1, i + 1));
            }
        }
        return rounds;
    }

    private Round round(FailoverLab lab, boolean stagger, int n) {
        String master = lab.masterHost();
        String target = next(master);
        List<String> progress = new CopyOnWriteArrayList<>();
        AckedWriter writer = new AckedWriter(MasterFinder.bySentinels(lab.sentinels()), null);
        try (writer) {
            writer.awaitMoreAcks(50, 10_000);
            if (stagger) {
                Failovers.perform(lab.inventory(), lab.cache(), lab.endpoint(master), lab.endpoint(target),
                        FailoverSettings.DEFAULTS, progress::add);
            } else {
                awaitPromotableReplica(lab.sentinels().get(0));
                lab.sentinels().get(0).call("SENTINEL", "FAILOVER", FailoverLab.MASTER_NAME);
            }
            awaitFailoverOver(lab, "127.0.0.1:" + lab.redis(master).port());
            writer.awaitMoreAcks(50, 20_000);
        }
        lab.awaitSettled(Duration.ofSeconds(30));
        Round r;
        try (Jedis j = new Jedis("127.0.0.1", lab.redis(lab.masterHost()).port())) {
            r = Round.judge(stagger, writer, j);
        }
        log.println("  sentinel " + n + ": " + master + " -> " + lab.masterHost() + ", " + r + how(progress));
        return r;
    }

    /** Which way stagger's switch went, when not the timed one. */
    static String how(List<String> progress) {
        if (progress.stream().anyMatch(l -> l.startsWith("starting without the refresh window"))) {
            return " [untimed]";
        }
        if (progress.stream().anyMatch(l -> l.contains("pausing writes before SENTINEL FAILOVER"))) {
            return " [paused first: slow sentinel]";
        }
        return "";
    }

    private static String next(String host) {
        List<String> hosts = FailoverLab.HOSTS;
        return hosts.get((hosts.indexOf(host) + 1) % hosts.size());
    }

    /**
     * The sentinel has fresh INFO of a replica it may promote. After a steered failover it still
     * holds the temporary {@code replica-priority 0} of the other replica until its next INFO of it
     * (up to 10 s), and knows the old master as a replica only from its first INFO as one: a bare
     * failover before then answers NOGOODSLAVE.
     */
    private static void awaitPromotableReplica(SentinelNode sentinel) {
        LabSupport.await(sentinel + " to see a promotable replica", Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
            List<?> replicas = (List<?>) sentinel.call("SENTINEL", "REPLICAS", FailoverLab.MASTER_NAME);
            for (Object r : replicas) {
                List<?> kv = (List<?>) r;
                java.util.Map<String, String> m = new java.util.HashMap<>();
                for (int i = 0; i + 1 < kv.size(); i += 2) {
                    m.put(String.valueOf(kv.get(i)), String.valueOf(kv.get(i + 1)));
                }
                long age = Long.parseLong(m.getOrDefault("info-refresh", "999999"));
                if (!"0".equals(m.get("slave-priority")) && "ok".equals(m.get("master-link-status"))
                        && "slave".equals(m.get("flags")) && age < 5_000) {
                    return null;
                }
            }
            return "none yet";
        });
    }

    /** Every sentinel names one new master and none is still in the failover. */
    static void awaitFailoverOver(FailoverLab lab, String oldMaster) {
        LabSupport.await("the sentinels to end the failover", Duration.ofSeconds(30), Duration.ofMillis(20), () -> {
            String first = null;
            for (SentinelNode s : lab.sentinels()) {
                String a = s.masterAddress(FailoverLab.MASTER_NAME);
                if (a == null || a.equals(oldMaster) || (first != null && !first.equals(a))) {
                    return s + " names " + a;
                }
                first = a;
                if (String.valueOf(s.call("SENTINEL", "MASTER", FailoverLab.MASTER_NAME)).contains("failover_in_progress")) {
                    return s + " is still in the failover";
                }
            }
            return null;
        });
    }
}
