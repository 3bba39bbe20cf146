package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.cli.CliResult;
import dev.stagger.lab.RedisLab;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.cluster.ClusterLab;
import dev.stagger.run.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run per cluster, wherever it starts: real runs (child JVMs with their own working directories,
 * like two operators) against real redis-server and redis-sentinel processes. While run A is inside
 * a step (its do hook waits for a release file), every second run is refused with exit 1 naming A,
 * from another directory, with another --journal, after A's own failover moved the lock's master,
 * with the lock in a file ({@code lock: file:PATH}) and in a Redis Cluster.
 */
class RunLockIT {
    static final String KEY = "stagger:lock:{lab}";

    @TempDir
    Path dir;

    /** A child JVM running {@code stagger ARGS} in {@code workdir}; its output goes to {@code dir/NAME.out}. */
    private Process start(Path workdir, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        String lockDir = System.getProperty(RunLock.DIR_PROPERTY);
        if (lockDir != null) {
            cmd.add("-D" + RunLock.DIR_PROPERTY + "=" + lockDir);
        }
        cmd.add("dev.stagger.cli.Main");
        cmd.addAll(List.of(args));
        Files.createDirectories(workdir);
        return new ProcessBuilder(cmd).directory(workdir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    private String out(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out"));
    }

    private Path log() {
        return dir.resolve("hooks.log");
    }

    private List<String> logLines() throws IOException {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    /** {@code maintain: [HOST]} with LabCtl stop/start and a do hook that logs WHO-start/end with times and waits for the release file. */
    private LabPlan maintainHeld(LabPlan p, String id, String host, String who) {
        String release = dir.resolve("release").toString();
        String script = "echo " + who + "-start $(date +%s%3N) >> " + log() + "; i=0; while [ ! -f " + release
                + " ] && [ $i -lt 250 ]; do sleep 0.1; i=$((i+1)); done; echo " + who + "-end $(date +%s%3N) >> " + log();
        return p.maintain(id, host, p.hooks("stop", "start") + "    do: " + LabPlan.json(List.of("sh", "-c", script)) + "\n"
                + LabPlan.timing("500ms", "30s"));
    }

    private void awaitLog(String prefix, Process run, String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (logLines().stream().noneMatch(l -> l.startsWith(prefix))) {
            assertThat(run.isAlive()).as(out(name)).isTrue();
            assertThat(System.nanoTime()).as("the run reaches " + prefix + ": " + out(name)).isLessThan(end);
            Thread.sleep(20);
        }
    }

    private int finish(Process run) throws Exception {
        Files.writeString(dir.resolve("release"), "");
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return run.exitValue();
    }

    @Test
    void secondRunsFromAnotherDirectoryOrJournalAreRefusedWhileTheFirstIsInAStep() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path planA = maintainHeld(new LabPlan(lab.dir()), "maintain-arb3", "arb3", "A").write(dir, "a-plan", lab.inventory());
            Path planB = maintainHeld(new LabPlan(lab.dir()), "maintain-app2", "app2", "B").write(dir, "b-plan", lab.inventory());
            Path dirA = dir.resolve("operator-a");
            Path dirB = dir.resolve("operator-b");
            Process a = start(dirA, "a", "run", planA.toString(), "--yes");
            awaitLog("A-start", a, "a");
            long lockTaken = System.nanoTime();
            Process fromB = start(dirB, "b-dir", "run", planB.toString(), "--yes");
            Process otherJournal = start(dirA, "b-journal", "run", planB.toString(), "--yes", "--journal",
                    dirA.resolve("other.journal").toString());
            assertThat(fromB.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(otherJournal.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(logLines()).as("A's do hook is still running").noneMatch(l -> l.startsWith("A-end"));
            String journalA = dirA.toRealPath().resolve(".stagger/lab-a-plan.journal").toString();
            for (String name : List.of("b-dir", "b-journal")) {
                String out = out(name);
                System.out.println(name + " refusal: " + out.lines().filter(l -> l.contains("another run")).findFirst().orElse(out));
                assertThat(name.equals("b-dir") ? fromB.exitValue() : otherJournal.exitValue()).as(out).isEqualTo(1);
                assertThat(out).contains("another run holds the lock on cluster lab", "pid " + a.pid(), "plan a-plan",
                        "journal " + journalA, "the Redis key " + KEY + " in cache (master app1:" + lab.redis("app1").port() + ")",
                        "expires in ", "It is still running on this host: wait for it to finish");
            }
            assertThat(String.valueOf(lab.redis("app1").call("GET", KEY))).contains("\"pid\":" + a.pid() + ",",
                    "\"workdir\":\"" + dirA.toRealPath() + "\"");
            assertThat(String.valueOf(lab.redis("app2").call("GET", KEY))).as("the replica has it too (WAIT)")
                    .contains("\"pid\":" + a.pid() + ",");
            System.out.printf("two refusals while A held the lock: %d ms%n", (System.nanoTime() - lockTaken) / 1_000_000);
            assertThat(finish(a)).as(out("a")).isZero();
            assertThat(out("a")).contains("lock: the Redis key " + KEY + " in cache (master app1:");
            assertThat(lab.redis("app1").call("EXISTS", KEY)).as("released").isEqualTo(0L);

            assertThat(logLines()).as("B's hooks never ran: the two hosts were never down together").noneMatch(l -> l.startsWith("B-"));
            assertThat(dirB.resolve(".stagger")).as("the refused run wrote no journal").doesNotExist();
        }
    }

    @Test
    void theLockFollowsThePlansOwnFailoverOfItsGroup() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            LabPlan p = new LabPlan(lab.dir()).failover("failover-cache", "cache", "app2:" + lab.redis("app2").port(), null);
            Path planA = maintainHeld(p, "maintain-arb3", "arb3", "A").write(dir, "move-then-wait", lab.inventory());
            Path planB = new LabPlan(lab.dir()).maintain("maintain-app1", "app1", "500ms", "30s").write(dir, "b-plan", lab.inventory());
            Process a = start(dir, "a", "run", planA.toString(), "--yes", "--journal", dir.resolve("a.journal").toString());
            awaitLog("A-start", a, "a");
            RedisNode app2 = lab.redis("app2");
            assertThat(app2.info("role")).isEqualTo("master");
            assertThat(String.valueOf(app2.call("GET", KEY))).as("the key is on the new master").contains("\"pid\":" + a.pid() + ",");
            CliResult b = CliResult.run("run", planB.toString(), "--yes", "--journal", dir.resolve("b.journal").toString());
            assertThat(b.exitCode()).as(b.toString()).isEqualTo(1);
            assertThat(b.err()).contains("another run holds the lock on cluster lab", "pid " + a.pid(),
                    "in cache (master app2:" + app2.port() + ")");
            assertThat(finish(a)).as(out("a")).isZero();
            assertThat(out("a")).contains("failover verified", "the run lock is still held (the Redis key " + KEY
                    + " in cache (master app2:" + app2.port() + ")");
            assertThat(app2.call("EXISTS", KEY)).as("released on the new master").isEqualTo(0L);
            assertThat(lab.redis("app1").isRunning()).as("B did nothing").isTrue();
        }
    }

    @Test
    void aLockFileNamedByThePolicyIsSharedByEveryDirectory() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            Path lockFile = dir.resolve("shared/lab.lock");
            String inv = Files.readString(lab.inventory()).replace("cluster: lab\n", "cluster: lab\npolicy:\n  lock: file:" + lockFile + "\n");
            Path inventory = dir.resolve("inventory.yaml");
            Files.writeString(inventory, inv);
            Path planA = maintainHeld(new LabPlan(lab.dir()), "maintain-arb3", "arb3", "A").write(dir, "a-plan", inventory);
            Path planB = new LabPlan(lab.dir()).maintain("maintain-app2", "app2", "500ms", "30s").write(dir, "b-plan", inventory);
            Process a = start(dir.resolve("operator-a"), "a", "run", planA.toString(), "--yes");
            awaitLog("A-start", a, "a");
            assertThat(lockFile).exists();
            assertThat(lab.redis("app1").call("EXISTS", KEY)).as("not in Redis").isEqualTo(0L);
            CliResult b = CliResult.run("run", planB.toString(), "--yes", "--journal", dir.resolve("b.journal").toString());
            assertThat(b.exitCode()).as(b.toString()).isEqualTo(1);
            assertThat(b.err()).contains("another run holds the lock on cluster lab", "pid " + a.pid(),
                    "the lock file " + lockFile + " (policy.lock)");
            assertThat(finish(a)).as(out("a")).isZero();
            assertThat(lockFile).as("released").doesNotExist();
        }
    }

    @Test
    void inARedisClusterTheLockIsOnTheMasterOfItsSlot() throws Exception {
        try (ClusterLab lab = ClusterLab.start()) {
            String key = "stagger:lock:{cluster-lab}";
            Path planA = maintainHeld(new LabPlan(lab.dir()), "maintain-r4", "r4", "A").write(dir, "a-plan", lab.inventory());
            Path planB = new LabPlan(lab.dir()).maintain("maintain-r5", "r5", "500ms", "30s").write(dir, "b-plan", lab.inventory());
            Process a = start(dir, "a", "run", planA.toString(), "--yes", "--journal", dir.resolve("a.journal").toString());
            awaitLog("A-start", a, "a");
            long slot = (Long) lab.node(0).call("CLUSTER", "KEYSLOT", key);
            RedisNode holder = lab.nodes().stream().filter(n -> n.isRunning() && "master".equals(n.info("role"))
                    && !Long.valueOf(0).equals(n.call("CLUSTER", "COUNTKEYSINSLOT", Long.toString(slot)))).findFirst().orElseThrow();
            assertThat(String.valueOf(holder.call("GET", key))).contains("\"pid\":" + a.pid() + ",");
            CliResult b = CliResult.run("run", planB.toString(), "--yes", "--journal", dir.resolve("b.journal").toString());
            assertThat(b.exitCode()).as(b.toString()).isEqualTo(1);
            assertThat(b.err()).contains("another run holds the lock on cluster cluster-lab", "pid " + a.pid(),
                    "the Redis key " + key + " in " + ClusterLab.SERVICE + " (master " + holder.host() + ":" + holder.port());
            assertThat(finish(a)).as(out("a")).isZero();
            assertThat(holder.call("EXISTS", key)).isEqualTo(0L);
        }
    }
}
