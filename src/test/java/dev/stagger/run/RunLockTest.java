package dev.stagger.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file lock store and the held lock around it: refusal, takeover, heartbeat, loss, release. */
class RunLockTest {
    @TempDir
    Path dir;

    private final List<String> said = new CopyOnWriteArrayList<>();

    private RunLock store() {
        return RunLock.at(dir.resolve("locks/lab.lock"));
    }

    private ClusterLock.Request request(String plan, String journal, boolean resume, boolean breakLock, Duration ttl) {
        return new ClusterLock.Request("lab", plan, dir.resolve(journal), ttl, resume, breakLock);
    }

    private ClusterLock acquire(String plan, String journal, boolean resume, boolean breakLock) {
        return ClusterLock.acquire(store(), request(plan, journal, resume, breakLock, Duration.ofMinutes(2)), said::add);
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private void plant(LockOwner o) throws Exception {
        Files.createDirectories(store().path().getParent());
        Files.writeString(store().path(), o.toJson() + "\n");
    }

    @Test
    void theLockNamesItsOwnerAndASecondRunFromAnyJournalIsRefusedWithExit1() {
        try (ClusterLock first = acquire("maint", "a/run.journal", false, false)) {
            LockOwner o = store().read().orElseThrow();
            assertThat(o.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(o.plan()).isEqualTo("maint");
            assertThat(o.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(o.journal()).isEqualTo(dir.resolve("a/run.journal").toString());
            assertThat(o.workdir()).isEqualTo(System.getProperty("user.dir"));
            assertThat(o.expires()).isAfter(Instant.now().plusSeconds(60));
            assertThat(o.fence()).isPositive();
            assertThat(first.owner().token()).isEqualTo(o.token());
            assertThatThrownBy(() -> acquire("other", "b/other.journal", false, false))
                    .isInstanceOf(StaggerException.class)
                    .hasMessageContaining("another run holds the lock on cluster lab")
                    .hasMessageContaining("pid " + o.pid() + ", plan maint")
                    .hasMessageContaining("journal " + dir.resolve("a/run.journal"))
                    .hasMessageContaining("expires in 1m")
                    .hasMessageContaining("It is still running on this host: wait for it to finish")
                    .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.UNSAFE));
            assertThatThrownBy(() -> acquire("maint", "a/run.journal", true, false))
                    .as("--resume does not take a live run's lock").hasMessageContaining("still running");
        }
        assertThat(store().path()).doesNotExist();
    }

    @Test
    void resumeOnTheSameHostTakesOverTheLockOfADeadRunAndSaysSo() throws Exception {
        Instant now = Instant.now();
        long dead = deadPid();
        String journal = dir.resolve("run.journal").toString();
        plant(new LockOwner("ops", ClusterLock.thisHost(), dead, "maint", now, now.plusSeconds(100), "tok", 7, journal, "/"));
        assertThatThrownBy(() -> acquire("maint", "run.journal", false, false))
                .as("a fresh run is not a resume").hasMessageContaining("Its pid " + dead + " is gone on this host")
                .hasMessageContaining("stagger run PLAN --resume --journal " + journal).hasMessageContaining("--break-lock");
        assertThatThrownBy(() -> acquire("maint", "other.journal", true, false))
                .as("resuming another journal").hasMessageContaining("not this journal " + dir.resolve("other.journal"));
        try (ClusterLock mine = acquire("maint", "run.journal", true, false)) {
            assertThat(said).singleElement().asString().contains("taking over the lock of the run that died", "pid " + dead);
            assertThat(mine.owner().fence()).as("fence grows").isPositive();
            assertThat(store().read().orElseThrow().token()).isEqualTo(mine.owner().token());
        }
    }

    @Test
    void anotherHostsLockTakesBreakLockEvenWithResume() throws Exception {
        Instant now = Instant.now();
        plant(new LockOwner("ops", "elsewhere", 1234, "maint", now, now.plusSeconds(100), "tok", 3, "/srv/j", "/srv"));
        assertThatThrownBy(() -> acquire("maint", "run.journal", true, false))
                .hasMessageContaining("ops@elsewhere pid 1234")
                .hasMessageContaining("stagger cannot see whether pid 1234 is alive on elsewhere")
                .hasMessageContaining("pass --break-lock together with --resume");
        try (ClusterLock mine = acquire("maint", "run.journal", true, true)) {
            assertThat(said).singleElement().asString().contains("--break-lock: breaking the lock of ops@elsewhere",
                    "finds its lock gone at its next heartbeat");
            assertThat(mine.owner().fence()).isGreaterThan(0);
        }
    }

    @Test
    void anExpiredFileLockIsFreeAndSaidSo() throws Exception {
        Instant past = Instant.now().minusSeconds(600);
        plant(new LockOwner("ops", "elsewhere", 1234, "maint", past, past.plusSeconds(120), "tok", 3, "/srv/j", "/srv"));
        try (ClusterLock mine = acquire("maint", "run.journal", false, false)) {
            assertThat(said).singleElement().asString().contains("expired", "its run stopped renewing it");
        }
    }

    @Test
    void fencingTokensOnlyGrow() {
        List<Long> fences = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (ClusterLock l = acquire("maint", "run.journal", false, false)) {
                fences.add(l.owner().fence());
            }
        }
        assertThat(fences).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aRunWhoseLockWasBrokenLearnsItAtTheNextHeartbeat() throws Exception {
        List<String> lost = new CopyOnWriteArrayList<>();
        ClusterLock first = ClusterLock.acquire(store(), request("maint", "a.journal", false, false, Duration.ofMillis(400)), said::add);
        try {
            Instant before = first.owner().expires();
            first.startHeartbeat(lost::add);
            await(() -> store().read().orElseThrow().expires().isAfter(before));
            try (ClusterLock second = acquire("maint", "b.journal", false, true)) {
                assertThat(said).singleElement().asString().contains("--break-lock: breaking the lock of");
                await(() -> !lost.isEmpty());
                assertThat(lost).singleElement().asString().contains("is now held by", "stopping at the next safe point");
                first.close();
                assertThat(store().read().orElseThrow().token()).as("close leaves another's lock alone")
                        .isEqualTo(second.owner().token());
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aLockThatCannotBeRenewedStopsTheRunOnceItExpires() throws Exception {
        List<String> lost = new CopyOnWriteArrayList<>();
        Path locks = dir.resolve("locks");
        ClusterLock lock = ClusterLock.acquire(store(), request("maint", "a.journal", false, false, Duration.ofMillis(600)), said::add);
        try {
            lock.startHeartbeat(lost::add);
            // The directory becomes unusable (as a full or read-only disk would): renewals fail.
            Files.delete(store().path());
            Files.list(locks).forEach(p -> p.toFile().delete());
            Files.delete(locks);
            Files.writeString(locks, "not a directory");
            await(() -> !lost.isEmpty());
            assertThat(said).anyMatch(s -> s.startsWith("cannot renew the run lock: cannot write the lock file")
                    && s.contains("retrying until it expires at"));
            assertThat(lost).singleElement().asString().contains("could not be renewed since", "expired at",
                    "stopping at the next safe point");
        } finally {
            lock.close();
        }
    }

    @Test
    void aLockLostInAFailoverIsTakenAgainWithTheNextFence() throws Exception {
        try (ClusterLock lock = acquire("maint", "a.journal", false, false)) {
            long fence = lock.owner().fence();
            assertThat(lock.recheck()).startsWith("the run lock is still held (the lock file");
            Files.delete(store().path());
            assertThat(lock.recheck()).startsWith("the run lock was lost in the failover; took it again");
            assertThat(lock.owner().fence()).isGreaterThan(fence);
            assertThat(store().read().orElseThrow().token()).isEqualTo(lock.owner().token());
        }
    }

    @Test
    void anUnwritableLockPlaceIsRefusedAtAcquisitionWithExit1() throws Exception {
        Files.writeString(dir.resolve("locks"), "a file where the directory should be");
        assertThatThrownBy(() -> acquire("maint", "a.journal", false, false))
                .hasMessageContaining("cannot take the run lock of cluster lab: cannot write the lock file")
                .hasMessageContaining("policy.lock: file:PATH").hasMessageContaining("Nothing was done")
                .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.UNSAFE));
    }

    @Test
    void theMachineWideDefaultSaysOnlyThisMachineSeesIt() {
        RunLock lock = RunLock.machineWide("lab");
        assertThat(lock.path()).isEqualTo(RunLock.machineWideDir().resolve("lab.lock").toAbsolutePath().normalize());
        assertThat(lock.where()).contains("only runs on this machine see it");
        assertThat(RunLock.machineWide("x".repeat(300)).path().getFileName().toString().length()).isLessThan(100);
    }

    @Test
    void theOwnerRecordIsJsonAndRoundTrips() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        LockOwner o = new LockOwner("ops", "h1", 42, "seed-000", now, now.plusSeconds(120), "tok", 9, "/srv/a.journal", "/srv");
        String json = o.toJson();
        assertThat(json).startsWith("{").contains("\"user\":\"ops\"", "\"host\":\"h1\"", "\"pid\":42",
                "\"plan\":\"seed-000\"", "\"since\":\"2026-12-06T12:00:00Z\"", "\"expires\":\"2026-12-06T12:02:00Z\"",
                "\"fence\":\"9\"", "\"journal\":\"/srv/a.journal\"", "\"workdir\":\"/srv\"");
        assertThat(LockOwner.fromJson(json)).isEqualTo(o);
        assertThat(o.describe(now.plusSeconds(185))).isEqualTo(
                "ops@h1 pid 42, plan seed-000, since 2026-12-06T12:00:00Z (3m05s ago), journal /srv/a.journal");
        assertThat(o.expiryText(now.plusSeconds(8))).isEqualTo("expires in 1m52s unless its run renews it");
        assertThatThrownBy(() -> LockOwner.fromJson("{\"time\":\"2026-12-06T12:00:00Z\",\"event\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadMeansThisHostAndAGonePid() throws Exception {
        Instant now = Instant.now();
        LockOwner me = new LockOwner("u", "h1", ProcessHandle.current().pid(), "p", now, now.plusSeconds(60), "t", 1, null, null);
        assertThat(me.deadOn("h1", LockOwner.THIS_HOST)).isFalse();
        LockOwner gone = new LockOwner("u", "h1", deadPid(), "p", now, now.plusSeconds(60), "t", 1, null, null);
        assertThat(gone.deadOn("h1", LockOwner.THIS_HOST)).isTrue();
        assertThat(gone.deadOn("h2", LockOwner.THIS_HOST)).as("another host's pid cannot be checked").isFalse();
        LockOwner reused = new LockOwner("u", "h1", ProcessHandle.current().pid(), "p", Instant.EPOCH, now.plusSeconds(60), "t", 1, null, null);
        assertThat(reused.deadOn("h1", LockOwner.THIS_HOST)).as("a pid started after the lock was taken is another process").isTrue();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
