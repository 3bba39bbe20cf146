package dev.stagger.run;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run per cluster at a time. The lock file ({@code .stagger/CLUSTER.lock}) is created
 * atomically (a hard link of a complete file, so nobody ever reads it half-written), names its
 * owner, and expires unless a heartbeat renews it. Another run, live or stale, is refused with exit
 * 1 (a safety refusal with nothing harmed, like a blocked gate; exit 2 is kept for bad input) until
 * the person passes {@code --break-lock}. A run whose lock was broken under it learns so at its
 * next heartbeat and is told to stop at a safe point.
 */
public final class RunLock implements AutoCloseable {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);

    private final Path path;
    private final Duration ttl;
    private volatile LockOwner owner;
    private ScheduledExecutorService heartbeat;

    private RunLock(Path path, Duration ttl, LockOwner owner) {
        this.path = path;
        this.ttl = ttl;
        this.owner = owner;
    }

    public static Path defaultPath(Path base, String cluster) {
        return base.resolve(".stagger").resolve(FileJournal.safeName(cluster) + ".lock");
    }

    /**
     * @param breakLock {@code --break-lock}: remove whatever lock is there (saying whose it was) and take it
     * @param say       where to report a broken lock
     * @throws StaggerException exit 1 naming the owner and how to break the lock
     */
    public static RunLock acquire(Path path, String plan, Duration ttl, boolean breakLock, Consumer<String> say) {
        Instant now = Instant.now();
        LockOwner me = new LockOwner(System.getProperty("user.name", "unknown"), thisHost(),
                ProcessHandle.current().pid(), plan, now, now.plus(ttl), UUID.randomUUID().toString());
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            if (tryCreate(path, me)) {
                return new RunLock(path, ttl, me);
            }
            Optional<LockOwner> other = read(path);
            String who = other.map(o -> o.describe(now)).orElse("an unreadable lock file");
            boolean stale = other.map(o -> o.isStale(now, thisHost(), RunLock::pidAlive)).orElse(true);
            if (!breakLock) {
                throw new StaggerException(ExitCode.UNSAFE, (stale ? "a stale lock" : "another run holds the lock")
                        + " on this cluster: " + path + " (" + who + ")"
                        + (stale ? "; its run is gone (expired or its pid is dead). "
                                : "; two runs must never overlap. Wait for it to finish, or, if you know it is dead, ")
                        + "break the lock with: --break-lock");
            }
            say.accept("breaking " + (stale ? "the stale" : "a LIVE") + " lock " + path + " of " + who
                    + (stale ? "" : "; that run will find its lock gone at its next heartbeat and stop at a safe point"));
            boolean taken = guarded(path, () -> {
                Files.deleteIfExists(path);
                return tryCreate(path, me);
            });
            if (taken) {
                return new RunLock(path, ttl, me);
            }
            throw new StaggerException(ExitCode.UNSAFE, "another run took the lock " + path + " while it was being broken: "
                    + read(path).map(o -> o.describe(now)).orElse("unreadable"));
        } catch (IOException e) {
            throw new StaggerException(ExitCode.BAD_INPUT, "cannot create the lock " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean tryCreate(Path path, LockOwner me) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + "." + me.token() + ".tmp");
        write(tmp, me);
        try {
            Files.createLink(path, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            // No hard links here: CREATE_NEW is atomic too, only its content appears a moment later.
            try {
                Files.write(path, encode(me), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e2) {
                return false;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Optional<LockOwner> read(Path path) {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).trim();
            return Optional.of(LockOwner.fromEvent(JsonLine.decode(text)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Renews the lock every quarter of its ttl; calls {@code onLost} once if someone broke it. */
    public synchronized void startHeartbeat(Runnable onLost) {
        if (heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stagger-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, ttl.toMillis() / 4);
        heartbeat.scheduleAtFixedRate(() -> {
            if (!renew()) {
                onLost.run();
                heartbeat.shutdown();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** @return false when the lock on disk is no longer ours */
    boolean renew() {
        try {
            return guarded(path, this::renewUnguarded);
        } catch (IOException e) {
            // Could not renew this time; the next beat tries again before the lock expires.
            return true;
        }
    }

    private boolean renewUnguarded() {
        Optional<LockOwner> onDisk = read(path);
        if (onDisk.isEmpty() || !onDisk.get().token().equals(owner.token())) {
            return false;
        }
        LockOwner next = owner.renewed(Instant.now().plus(ttl));
        Path tmp = path.resolveSibling(path.getFileName() + "." + owner.token() + ".renew");
        try {
            write(tmp, next);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            owner = next;
            return true;
        } catch (IOException e) {
            // Could not renew this time; the next beat tries again before the lock expires.
            return true;
        }
    }

    public LockOwner owner() {
        return owner;
    }

    public Path path() {
        return path;
    }

    /** Stops the heartbeat and removes the lock if it is still ours. */
    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        try {
            guarded(path, () -> {
                Optional<LockOwner> onDisk = read(path);
                if (onDisk.isPresent() && onDisk.get().token().equals(owner.token())) {
                    Files.deleteIfExists(path);
                }
                return true;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface LockAction {
        boolean run() throws IOException;
    }

    /** Serialises this JVM's threads; the OS lock serialises processes. */
    private static final Object IN_PROCESS = new Object();

    /**
     * Read-check-write of the lock file (renew, break, release) under an OS file lock on a guard file
     * beside it, so a heartbeat can never write back a lock that another run has just broken.
     */
    private static boolean guarded(Path path, LockAction action) throws IOException {
        Path guard = path.resolveSibling(path.getFileName() + ".guard");
        synchronized (IN_PROCESS) {
            try (FileChannel ch = FileChannel.open(guard, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock held = ch.lock();
                try {
                    return action.run();
                } finally {
                    held.release();
                }
            }
        }
    }

    private static void write(Path file, LockOwner o) throws IOException {
        Files.write(file, encode(o));
    }

    private static byte[] encode(LockOwner o) {
        return (JsonLine.encode(o.toEvent()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static boolean pidAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static String thisHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "localhost" : env;
        }
    }
}
