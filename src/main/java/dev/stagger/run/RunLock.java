package dev.stagger.run;

import dev.stagger.io.OsReason;
import dev.stagger.model.Inventory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * The run lock as a file, for inventories without Redis or with {@code policy.lock: file:PATH}. The
 * file is created atomically (a hard link of a complete file, so nobody ever reads it half-written);
 * every read-check-write (take, renew, break, release) runs under an OS lock on a guard file beside
 * it, so a heartbeat can never write back a lock that another run has just broken. Without
 * {@code lock:} it lives in one machine-wide directory, never in the working directory: then only
 * runs on this machine see it, and messages say so.
 */
public final class RunLock implements LockStore {
    /** Overrides the machine-wide directory (tests; a host whose temp directory is not shared by its operators). */
    public static final String DIR_PROPERTY = "stagger.lock.dir";

    private final Path path;
    private final String where;

    private RunLock(Path path, String where) {
        this.path = path.toAbsolutePath().normalize();
        this.where = where;
    }

    /** {@code policy.lock: file:PATH}, else the machine-wide default. */
    public static RunLock forInventory(Inventory inventory) {
        Path file = inventory.policy().lockFile();
        if (file != null) {
            return at(file);
        }
        return machineWide(inventory.cluster());
    }

    /** The file the inventory names. */
    public static RunLock at(Path file) {
        return new RunLock(file, "the lock file " + file.toAbsolutePath().normalize() + " (policy.lock)");
    }

    /** {@code ${java.io.tmpdir}/stagger-locks/CLUSTER.lock}: shared by every directory and journal on this machine. */
    public static RunLock machineWide(String cluster) {
        Path file = machineWideDir().resolve(FileJournal.safeName(cluster) + ".lock");
        return new RunLock(file, "the lock file " + file.toAbsolutePath().normalize()
                + "; the inventory has no Redis and no policy.lock, so only runs on this machine see it");
    }

    static Path machineWideDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "stagger-locks");
    }

    public Path path() {
        return path;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public Optional<LockOwner> tryTake(LockOwner me) {
        return guarded(() -> {
            Optional<LockOwner> stored = Optional.of(me.fenced(nextFence()));
            return tryCreate(stored.get()) ? stored : Optional.<LockOwner>empty();
        });
    }

    @Override
    public Optional<LockOwner> read() {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).trim();
            try {
                return Optional.of(LockOwner.fromJson(text));
            } catch (IllegalArgumentException e) {
                Instant written = Files.getLastModifiedTime(path).toInstant();
                return Optional.of(LockOwner.unreadable(Instant.now(), written.plus(ClusterLock.DEFAULT_TTL)));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public Optional<LockOwner> replace(LockOwner holder, LockOwner me) {
        return guarded(() -> {
            Optional<LockOwner> now = read();
            if (now.isEmpty() || !now.get().token().equals(holder.token())) {
                return Optional.<LockOwner>empty();
            }
            Files.deleteIfExists(path);
            LockOwner stored = me.fenced(nextFence());
            return tryCreate(stored) ? Optional.of(stored) : Optional.<LockOwner>empty();
        });
    }

    @Override
    public boolean renew(LockOwner renewed) {
        return guarded(() -> {
            if (!ours(renewed)) {
                return false;
            }
            Path tmp = path.resolveSibling(path.getFileName() + "." + renewed.token() + ".renew");
            write(tmp, renewed);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        });
    }

    @Override
    public void release(LockOwner me) {
        guarded(() -> {
            if (ours(me)) {
                Files.deleteIfExists(path);
            }
            return true;
        });
    }

    private boolean ours(LockOwner me) {
        return read().filter(o -> o.token().equals(me.token())).isPresent();
    }

    private boolean tryCreate(LockOwner me) throws IOException {
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

    /** The next fencing token, from a counter file beside the lock: it only grows, even across broken locks. */
    private long nextFence() throws IOException {
        Path counter = path.resolveSibling(path.getFileName() + ".fence");
        long last = 0;
        if (Files.exists(counter)) {
            try {
                last = Long.parseLong(Files.readString(counter, StandardCharsets.UTF_8).trim());
            } catch (NumberFormatException e) {
                // A damaged counter restarts from the clock: still larger than any token issued before.
                last = System.currentTimeMillis();
            }
        }
        Path tmp = counter.resolveSibling(counter.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, Long.toString(last + 1));
        Files.move(tmp, counter, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return last + 1;
    }

    private interface LockAction<T> {
        T run() throws IOException;
    }

    /** Serialises this JVM's threads; the OS lock serialises processes. */
    private static final Object IN_PROCESS = new Object();

    private <T> T guarded(LockAction<T> action) {
        try {
            createDirectory();
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
        } catch (IOException e) {
            throw unavailable("write", e);
        }
    }

    private void createDirectory() throws IOException {
        Path dir = path.getParent();
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        if (dir.equals(machineWideDir().toAbsolutePath().normalize())) {
            // Every operator of this machine must see the others' locks, whoever created the directory.
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            } catch (IOException | UnsupportedOperationException e) {
                // Not POSIX, or not ours to change: runs of other users may then be refused with a clear message.
            }
        }
    }

    private LockStore.Unavailable unavailable(String what, IOException e) {
        String reason = OsReason.of(e); // "Permission denied", not AccessDeniedException
        return new LockStore.Unavailable("cannot " + what + " the lock file " + path + " (" + reason
                + "); make its directory writable, or name another place with policy.lock: file:PATH");
    }

    private static void write(Path file, LockOwner o) throws IOException {
        Files.write(file, encode(o));
    }

    private static byte[] encode(LockOwner o) {
        return (o.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
