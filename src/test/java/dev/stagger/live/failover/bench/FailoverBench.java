package dev.stagger.live.failover.bench;

import dev.stagger.lab.RedisBinary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The failover benchmark, outside the product: bare failover commands against stagger's failovers,
 * alternating, each under a writer that does SET then WAIT 1 on one connection, in labs of real
 * redis-server and sentinel processes it starts and stops itself. Prints, per kind of failover, the
 * acknowledged and accepted writes lost and the write gaps of both side by side.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp "target/stagger/lib/*:target/test-classes" dev.stagger.live.failover.bench.FailoverBench \
 *     [--pairs 5] [--only sentinel,command,cluster] [--info-period-ms N]
 * </pre>
 * {@code STAGGER_LAB_REDIS=bundled} (with the embedded-redis test jar on the class path) runs it on
 * the bundled Redis 6.2 instead of the redis-server on PATH.
 */
public final class FailoverBench {
    private FailoverBench() {
    }

    public static void main(String[] args) {
        int pairs = 5;
        Set<String> only = Set.of("sentinel", "command", "cluster");
        Duration infoPeriod = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pairs" -> pairs = Integer.parseInt(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--info-period-ms" -> infoPeriod = Duration.ofMillis(Long.parseLong(args[++i]));
                default -> {
                    System.err.println("usage: FailoverBench [--pairs N] [--only sentinel,command,cluster] "
                            + "[--info-period-ms N]");
                    System.exit(2);
                }
            }
        }
        PrintStream out = System.out;
        out.println("redis-server: " + RedisBinary.redisServer() + ", " + pairs + " bare and " + pairs
                + " stagger failovers each; sentinel INFO period " + (infoPeriod == null ? "Redis's own (10 s)"
                : infoPeriod.toMillis() + " ms") + "; load average " + loadAverage());
        List<Comparison> results = new ArrayList<>();
        if (only.contains("sentinel")) {
            results.add(new Comparison("SENTINEL FAILOVER", 0.6, new SentinelRounds(pairs, infoPeriod, out).run()));
        }
        if (only.contains("command")) {
            results.add(new Comparison("FAILOVER TO", 1.0, new CommandRounds(pairs, out).run()));
        }
        if (only.contains("cluster")) {
            results.add(new Comparison("CLUSTER FAILOVER", 1.0, new ClusterRounds(pairs, out).run()));
        }
        results.forEach(c -> c.print(out));
        out.println("load average at the end: " + loadAverage());
        System.exit(0);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
