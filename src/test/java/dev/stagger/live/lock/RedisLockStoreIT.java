package dev.stagger.live.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.lab.RedisLab;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.ExitCode;
import dev.stagger.model.Inventory;
import dev.stagger.model.StaggerException;
import dev.stagger.run.ClusterLock;
import dev.stagger.run.LockStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis lock store on a real Sentinel-managed group with a password (read through
 * {@code password_env}, never printed): how long taking the lock takes, that a replica holds it
 * before the run starts, that a replica which does not acknowledge stops the run from starting, and
 * that a run whose Redis is gone stops once its lock would have expired.
 */
class RedisLockStoreIT {
    private static final String KEY = "stagger:lock:{lab}";
    private static final String PASSWORD = "lab-secret-0";

    @TempDir
    Path dir;

    private final List<String> said = new CopyOnWriteArrayList<>();

    private static LockStore store(RedisLab lab) {
        Inventory inventory = InventoryLoader.load(lab.inventory());
        return RedisLockStore.forInventory(inventory, System::getenv).orElseThrow();
    }

    private ClusterLock acquire(LockStore store, String journal, Duration ttl) {
        return ClusterLock.acquire(store, new ClusterLock.Request("lab", "maint", dir.resolve(journal), ttl, false, false), said::add);
    }

    @Test
    void theLockIsOnTheMasterAndAReplicaBeforeTheRunStarts() {
        assertThat(System.getenv(RedisLab.PASSWORD_ENV)).as("failsafe environmentVariables").isEqualTo(PASSWORD);
        try (RedisLab lab = RedisLab.builder().password(PASSWORD).start()) {
            LockStore store = store(lab);
            List<Long> millis = new ArrayList<>();
            long lastFence = 0;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                try (ClusterLock lock = acquire(store, "run.journal", ClusterLock.DEFAULT_TTL)) {
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                    assertThat(lock.owner().fence()).as("fencing tokens grow").isGreaterThan(lastFence);
                    lastFence = lock.owner().fence();
                    assertThat(String.valueOf(lab.redis("app2").call("GET", KEY))).as("the replica acknowledged it")
                            .contains("\"token\":\"" + lock.owner().token() + "\"");
                    assertThat((Long) lab.redis("app1").call("PTTL", KEY)).isBetween(60_000L, 120_000L);
                    assertThatThrownBy(() -> acquire(store, "other.journal", ClusterLock.DEFAULT_TTL))
                            .hasMessageContaining("another run holds the lock on cluster lab")
                            .hasMessageContaining("the Redis key " + KEY + " in cache (master app1:" + lab.redis("app1").port() + ")")
                            .hasMessageNotContaining(PASSWORD);
                }
                assertThat(lab.redis("app1").call("EXISTS", KEY)).as("released").isEqualTo(0L);
            }
            millis.sort(null);
            System.out.printf("Redis lock (find master via 3 sentinels + ROLE, INCR, SET NX PX, WAIT 1): median %d ms, max %d ms%n",
                    millis.get(2), millis.get(4));
        }
    }

    @Test
    void aReplicaThatDoesNotAcknowledgeStopsTheRunFromStarting() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            LockStore store = store(lab);
            long replicaPid = Long.parseLong(java.nio.file.Files.readString(lab.redis("app2").dir().resolve("pid")).trim());
            // SIGSTOP: still connected (ROLE lists it), but it acknowledges nothing.
            new ProcessBuilder("kill", "-STOP", Long.toString(replicaPid)).start().waitFor();
            try {
                assertThatThrownBy(() -> acquire(store, "run.journal", ClusterLock.DEFAULT_TTL))
                        .hasMessageContaining("cannot take the run lock of cluster lab: no replica of cache acknowledged the lock within 5s")
                        .hasMessageContaining("Nothing was done")
                        .satisfies(e -> assertThat(((StaggerException) e).exitCode()).isEqualTo(ExitCode.UNSAFE));
                assertThat(lab.redis("app1").call("EXISTS", KEY)).as("the unacknowledged lock was removed").isEqualTo(0L);
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(replicaPid)).start().waitFor();
            }
            // With the replica gone altogether there is nobody to ask: taken, and said to be unreplicated.
            lab.redis("app2").stop();
            try (ClusterLock lock = acquire(store, "run.journal", ClusterLock.DEFAULT_TTL)) {
                assertThat(lock.where()).contains("no replica connected: unreplicated until one syncs");
            }
        }
    }

    @Test
    void aRunWhoseRedisIsGoneKeepsTryingThenStopsWhenItsLockHasExpired() throws Exception {
        try (RedisLab lab = RedisLab.seed000()) {
            LockStore store = store(lab);
            List<String> lost = new CopyOnWriteArrayList<>();
            try (ClusterLock lock = acquire(store, "run.journal", Duration.ofSeconds(2))) {
                lock.startHeartbeat(lost::add);
                lab.redis("app2").stop();
                lab.redis("app1").stop();
                long deadline = System.nanoTime() + 15_000_000_000L;
                while (lost.isEmpty()) {
                    assertThat(System.nanoTime()).as("the run is told to stop within 15 s of a 2 s lock").isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
            assertThat(said).anyMatch(s -> s.startsWith("cannot renew the run lock: no master of cache found")
                    && s.contains("retrying until it expires at"));
            assertThat(lost).singleElement().asString().contains("could not be renewed since", "stopping at the next safe point");
        }
    }
}
