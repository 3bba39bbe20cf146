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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    private final List<String> said = new ArrayList<>();

    private Path lockPath() {
        return RunLock.defaultPath(dir, "lab");
    }

    @Test
    void theLockNamesItsOwnerAndASecondRunIsRefusedWithExit1() {
        try (RunLock first = RunLock.acquire(lockPath(), "maint", Duration.ofMinutes(2), false, said::add)) {
            LockOwner o = RunLock.read(lockPath()).orElseThrow();
            assertThat(o.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(o.plan()).isEqualTo("maint");
            assertThat(o.user()).isEqualTo(System.getProperty("user.name"));
            assertThat(o.expires()).isAfter(Instant.now().plusSeconds(60));
            assertThatThrownBy(() -> RunLock.acquire(lockPath(), "other", Duration.ofMinutes(2), false, said::add))
                    .isInstanceOf(StaggerException.class)
                    .hasMessageContaining("another run holds the lock")
                    .hasMessageContaining("pid " + o.pid() + ", running plan maint")
                    .hasMessageContaining("--break-lock")
                    .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.UNSAFE));
            assertThat(first.owner().token()).isEqualTo(o.token());
        }
        assertThat(lockPath()).doesNotExist();
    }

    @Test
    void staleLocksAreReportedAsStaleAndOnlyBrokenOnRequest() throws Exception {
        Files.createDirectories(lockPath().getParent());
        Instant past = Instant.now().minusSeconds(600);
        LockOwner dead = new LockOwner("ops", "elsewhere", 1234, "maint", past, past.plusSeconds(120), "tok");
        Files.writeString(lockPath(), JsonLine.encode(dead.toEvent()) + "\n");
        assertThatThrownBy(() -> RunLock.acquire(lockPath(), "maint", Duration.ofMinutes(2), false, said::add))
                .hasMessageContaining("a stale lock").hasMessageContaining("ops@elsewhere pid 1234")
                .hasMessageContaining("--break-lock");
        try (RunLock mine = RunLock.acquire(lockPath(), "maint", Duration.ofMinutes(2), true, said::add)) {
            assertThat(said).singleElement().asString().contains("breaking the stale lock", "ops@elsewhere");
            assertThat(RunLock.read(lockPath()).orElseThrow().token()).isEqualTo(mine.owner().token());
        }
    }

    @Test
    void stalenessCoversExpiryAndADeadPidOnThisHost() {
        Instant now = Instant.now();
        LockOwner live = new LockOwner("u", "h1", 10, "p", now, now.plusSeconds(60), "t");
        assertThat(live.isStale(now, "h1", pid -> true)).isFalse();
        assertThat(live.isStale(now, "h1", pid -> false)).isTrue();
        assertThat(live.isStale(now, "h2", pid -> false)).as("another host's pid cannot be checked").isFalse();
        assertThat(live.isStale(now.plusSeconds(61), "h2", pid -> true)).isTrue();
    }

    @Test
    void aRunWhoseLockWasBrokenLearnsItAtTheNextHeartbeat() throws Exception {
        CountDownLatch lost = new CountDownLatch(1);
        RunLock first = RunLock.acquire(lockPath(), "maint", Duration.ofMillis(200), false, said::add);
        try {
            Instant before = first.owner().expires();
            first.startHeartbeat(lost::countDown);
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!RunLock.read(lockPath()).orElseThrow().expires().isAfter(before) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(RunLock.read(lockPath()).orElseThrow().expires()).as("renewed").isAfter(before);
            try (RunLock second = RunLock.acquire(lockPath(), "maint", Duration.ofMinutes(2), true, said::add)) {
                assertThat(said).singleElement().asString().contains("breaking a LIVE lock");
                assertThat(lost.await(2, TimeUnit.SECONDS)).isTrue();
                first.close();
                assertThat(RunLock.read(lockPath()).orElseThrow().token()).as("close leaves another's lock alone")
                        .isEqualTo(second.owner().token());
            }
        } finally {
            first.close();
        }
    }
}
