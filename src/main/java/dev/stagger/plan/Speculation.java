package dev.stagger.plan;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work begun on a second core before the planner knows it needs it: the strategies are independent
 * of each other, so the one likely to come next can run beside the current one. Its result is read
 * only where the sequential planner would have computed it ({@link #get}), so the plan never depends
 * on the threads' timing. One that is not needed is {@link #drop dropped}: it runs on its own daemon
 * thread, never joined, and holds up nothing.
 */
final class Speculation<T> {
    private final FutureTask<T> task;

    private Speculation(Callable<T> work) {
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work} on a new daemon thread. */
    static <T> Speculation<T> start(String name, Callable<T> work) {
        Speculation<T> s = new Speculation<>(work);
        Thread t = new Thread(s.task, "stagger-plan-" + name);
        t.setDaemon(true);
        t.start();
        return s;
    }

    /**
     * The result, waiting for it if need be; what the work threw is thrown here, as if it had run on
     * this thread. An interrupt does not abandon the wait (the plan would be missing a strategy): it is
     * kept for the caller.
     */
    T get() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Not needed after all: not started if it has not begun, its result never read. */
    void drop() {
        task.cancel(false);
    }
}
