package dev.stagger.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * Work done on a second thread while the caller does other work, or on the caller's thread when it
 * is too small to be worth one: either way {@link #get} gives its result or throws what it threw,
 * as if it had run right there. The caller reads the result only after its own work, so what it
 * computes never depends on the threads' timing.
 */
public final class Beside<T> {
    private final FutureTask<T> task;

    private Beside(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work} on a new daemon thread when {@code concurrently}; otherwise runs it in {@link #get}. */
    public static <T> Beside<T> start(boolean concurrently, String name, Callable<T> work) {
        Beside<T> b = new Beside<>(work);
        if (concurrently) {
            Thread t = new Thread(b.task, name);
            t.setDaemon(true);
            t.start();
        }
        return b;
    }

    /**
     * The result, waiting for the thread if need be; work the thread has not begun yet (a loaded
     * machine) is done here instead of waited for. An interrupt does not abandon the wait (the caller
     * needs the result to go on): it is kept for the caller.
     */
    public T get() {
        // The work sees no interrupt of the caller's, on whichever thread it runs.
        boolean interrupted = Thread.interrupted();
        try {
            task.run(); // does nothing when the thread has run it or is running it
            return Outcome.of(task);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Not needed after all: work not begun never begins, and work under way runs out on its daemon
     * thread, never joined, holding up nothing.
     */
    public void drop() {
        task.cancel(false);
    }
}
