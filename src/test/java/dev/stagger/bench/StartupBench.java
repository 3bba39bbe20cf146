package dev.stagger.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up of the installed command against the floor ({@link StartupFloor}: a minimal picocli CLI
 * that reads one file), measured side by side: every round runs each command once, alternating, so
 * a machine that gets busier or quieter weighs on both alike. Prints the median wall time of each and
 * the ratio to the floor. After {@code mvn -q -DskipTests package}:
 *
 * <pre>java -cp "target/stagger/lib/*:target/test-classes" dev.stagger.bench.StartupBench [RUNS] [PLAN]</pre>
 *
 * The floor runs on the JVM running the benchmark and the launcher is given the same one (JAVA_HOME);
 * STAGGER_JAVA_OPTS passes through to the launcher, to measure JVM options.
 */
public final class StartupBench {
    private static final int WARM_UP = 2;

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        String plan = args.length > 1 ? args[1] : "plans/seed-000/safe.yaml";
        Path launcher = Path.of("target/stagger/bin/stagger");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(Path.of(plan))) {
            System.err.println("run from the source tree after `mvn -q -DskipTests package`: needs " + launcher
                    + " and " + plan);
            System.exit(2);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String floorPath = picocliJar() + File.pathSeparator + Path.of("target/test-classes").toAbsolutePath();
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("floor FILE", List.of(java, "-cp", floorPath, StartupFloor.class.getName(), plan));
        commands.put("stagger validate", List.of(launcher.toString(), "validate", plan));
        // For comparison only: the floor given the JVM options the launcher passes (but no class-data archive).
        commands.put("floor FILE, C1+serial", List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", floorPath,
                StartupFloor.class.getName(), plan));
        commands.put("floor --version", List.of(java, "-cp", floorPath, StartupFloor.class.getName(), "--version"));
        commands.put("stagger --version", List.of(launcher.toString(), "--version"));

        Map<String, List<Long>> times = new LinkedHashMap<>();
        commands.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int round = 0; round < WARM_UP + runs; round++) {
            for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                long ms = timeMillis(c.getValue());
                if (round >= WARM_UP) {
                    times.get(c.getKey()).add(ms);
                }
            }
        }
        System.out.printf("%d alternating runs each (after %d warm-up rounds), java %s, STAGGER_JAVA_OPTS=%s%n", runs,
                WARM_UP, System.getProperty("java.version"), System.getenv().getOrDefault("STAGGER_JAVA_OPTS", ""));
        System.out.printf("%-22s %10s %10s %10s%n", "command", "median ms", "min ms", "x floor");
        report(times, "floor FILE", "floor FILE");
        report(times, "floor FILE, C1+serial", "floor FILE");
        report(times, "stagger validate", "floor FILE");
        report(times, "floor --version", "floor --version");
        report(times, "stagger --version", "floor --version");
    }

    private static void report(Map<String, List<Long>> times, String name, String floor) {
        long median = median(times.get(name));
        System.out.printf("%-22s %10d %10d %10.2f%n", name, median,
                times.get(name).stream().mapToLong(Long::longValue).min().orElse(0),
                median / (double) median(times.get(floor)));
    }

    private static long timeMillis(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long t0 = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited " + code);
        }
        return ms;
    }

    private static long median(List<Long> xs) {
        List<Long> sorted = xs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** picocli's jar: the floor's class path holds it and the floor alone, not stagger's libraries. */
    private static String picocliJar() {
        try {
            return Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
