package dev.stagger.run;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One run per cluster: the lock a real run holds from before its first step until it ends. Taken
 * from a {@link LockStore} (a key in the cluster's Redis, or a file), refused or taken over by the
 * rules of {@link LockTakeover}, renewed by a heartbeat, checked again after each of the run's own
 * failovers (the key may have moved with the master), released at the end. A run that loses its
 * lock (broken by someone else, or not renewable until it expired) is told to stop at a safe point.
 */
public final class ClusterLock implements AutoCloseable {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);

    /** What a run asks for: the cluster, who it is, and the flags that decide about another run's lock. */
    public record Request(String cluster, String plan, Path journal, Duration ttl, boolean resume, boolean breakLock) {
    }

    private final LockStore store;
    private final Duration ttl;
    private volatile LockOwner owner;
    private Thread heartbeat;
    private final Consumer<String> say;
    private Consumer<String> onLost = s -> { };
    private boolean lost;
    private boolean closed;
    /** When renewals started failing (Redis unreachable, disk full); null while they succeed. */
    private Instant failingSince;

    private ClusterLock(LockStore store, Duration ttl, LockOwner owner, Consumer<String> say) {
        this.store = store;
        this.ttl = ttl;
        this.owner = owner;
        this.say = say;
    }

    /**
     * @param say where a takeover, a lock taken again or a renewal that fails is reported
     * @throws StaggerException exit 1 naming the holder and the way past it, or why the lock could not be taken
     */
    public static ClusterLock acquire(LockStore store, Request request, Consumer<String> say) {
        Instant now = Instant.now();
        String journal = request.journal().toAbsolutePath().normalize().toString();
        LockOwner me = new LockOwner(System.getProperty("user.name", "unknown"), thisHost(), ProcessHandle.current().pid(),
                request.plan(), now, now.plus(request.ttl()), UUID.randomUUID().toString(), 0, journal,
                System.getProperty("user.dir"));
        try {
            // Each look can race another run starting or ending: look again a few times, never loop forever.
            for (int attempt = 0; attempt < 3; attempt++) {
                Optional<LockOwner> taken = store.tryTake(me);
                if (taken.isPresent()) {
                    return new ClusterLock(store, request.ttl(), taken.get(), say);
                }
                Optional<LockOwner> holder = store.read();
                if (holder.isEmpty()) {
                    continue;
                }
                // Built after the store's first look: only then does it know where the lock is (the live master).
                LockTakeover rules = new LockTakeover(request.cluster(), store.where(), now, thisHost(), LockOwner.THIS_HOST,
                        journal, request.resume(), request.breakLock());
                LockTakeover.Decision d = rules.decide(holder.get());
                if (!d.take()) {
                    throw new StaggerException(ExitCode.UNSAFE, d.message());
                }
                say.accept(d.message());
                Optional<LockOwner> replaced = store.replace(holder.get(), me);
                if (replaced.isPresent()) {
                    return new ClusterLock(store, request.ttl(), replaced.get(), say);
                }
            }
            throw new StaggerException(ExitCode.UNSAFE, "the lock on cluster " + request.cluster() + " (" + store.where()
                    + ") changed under this run three times while it tried to take it: another run is starting or ending."
                    + " Nothing was done; look at `stagger run PLAN --dry-run` to see who holds it, then try again");
        } catch (LockStore.Unavailable e) {
            throw new StaggerException(ExitCode.UNSAFE, "cannot take the run lock of cluster " + request.cluster()
                    + ": " + e.getMessage() + ". Nothing was done");
        }
    }

    /** Who holds the cluster's lock, for a dry run: one line, never an exception. */
    public static String describeHolder(LockStore store, String cluster) {
        Instant now = Instant.now();
        try {
            return store.read().map(o -> "the run lock of cluster " + cluster + " (" + store.where() + ") is held by "
                            + o.describe(now) + "; it " + o.expiryText(now) + ": a real run now would be refused")
                    .orElse("the run lock of cluster " + cluster + " (" + store.where() + ") is free");
        } catch (LockStore.Unavailable e) {
            return "cannot read the run lock of cluster " + cluster + ": " + e.getMessage()
                    + "; a real run would refuse to start";
        }
    }

    public LockOwner owner() {
        return owner;
    }

    public String where() {
        return store.where();
    }

    /**
     * Renews the lock every quarter of its ttl, and more often while renewals fail. If the lock
     * turns out to be someone else's, or cannot be renewed before it expires, {@code onLost} is
     * called once with the reason: the run must stop at its next safe point.
     */
    public synchronized void startHeartbeat(Consumer<String> onLost) {
        if (heartbeat != null) {
            return;
        }
        this.onLost = onLost;
        heartbeat = new Thread(this::beatUntilClosed, "stagger-lock-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    private void beatUntilClosed() {
        long every = Math.max(10, ttl.toMillis() / 4);
        while (true) {
            long wait;
            synchronized (this) {
                if (closed || lost) {
                    return;
                }
                // While renewals fail, try often: the lock must be renewed before it expires.
                wait = failingSince == null ? every : Math.max(10, Math.min(every, 1000));
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            beat();
        }
    }

    synchronized void beat() {
        if (closed || lost) {
            return;
        }
        Instant now = Instant.now();
        try {
            LockOwner next = owner.renewed(now.plus(ttl));
            if (store.renew(next)) {
                owner = next;
                if (failingSince != null) {
                    say.accept("renewed the run lock again (" + store.where() + ") after failing since " + failingSince);
                    failingSince = null;
                }
                return;
            }
            retakeOrLose(store.read(), "the run lock was gone from " + store.where() + " at renewal");
        } catch (LockStore.Unavailable e) {
            if (failingSince == null) {
                failingSince = now;
                say.accept("cannot renew the run lock: " + e.getMessage() + "; retrying until it expires at " + owner.expires());
            }
            if (now.isAfter(owner.expires())) {
                lose("the run lock could not be renewed since " + failingSince + " (" + e.getMessage() + ") and expired at "
                        + owner.expires() + ", so another run may take it: stopping at the next safe point");
            }
        }
    }

    /**
     * After one of this run's failovers moved the lock group's master: is the lock still ours there?
     * A lock lost in the move is taken again (with the next fencing token); one that someone else
     * holds stops the run at its next safe point.
     *
     * @return one line for the person and the journal
     */
    public synchronized String recheck() {
        if (closed || lost) {
            return "the run lock is no longer held by this run";
        }
        try {
            Optional<LockOwner> holder = store.read();
            if (holder.isPresent() && holder.get().token().equals(owner.token())) {
                return "the run lock is still held (" + store.where() + ", fence " + owner.fence() + ")";
            }
            return retakeOrLose(holder, "the run lock was lost in the failover");
        } catch (LockStore.Unavailable e) {
            return "cannot check the run lock after the failover: " + e.getMessage() + "; the heartbeat keeps trying until "
                    + owner.expires();
        }
    }

    private String retakeOrLose(Optional<LockOwner> holder, String reason) {
        Instant now = Instant.now();
        if (holder.isEmpty()) {
            Optional<LockOwner> again = store.tryTake(owner.renewed(now.plus(ttl)));
            if (again.isPresent()) {
                owner = again.get();
                String line = reason + "; took it again (" + store.where() + ", fence " + owner.fence() + ")";
                say.accept(line);
                return line;
            }
            holder = store.read();
        }
        String line = "the run lock (" + store.where() + ") is now held by "
                + holder.map(o -> o.describe(now)).orElse("another run") + ": stopping at the next safe point";
        lose(line);
        return line;
    }

    private void lose(String reason) {
        if (!lost) {
            lost = true;
            onLost.accept(reason);
        }
    }

    /** Stops the heartbeat and removes the lock if it is still ours; a lock that cannot be removed expires by itself. */
    @Override
    public void close() {
        Thread beating;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            beating = heartbeat;
        }
        if (beating != null) {
            beating.interrupt();
        }
        try {
            store.release(owner);
        } catch (LockStore.Unavailable e) {
            say.accept("could not release the run lock (" + e.getMessage() + "); it expires by itself at " + owner.expires());
        }
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
