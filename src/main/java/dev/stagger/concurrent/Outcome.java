package dev.stagger.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The outcome of work done on another thread, as if it had been done on this one. */
public final class Outcome {
    private Outcome() {
    }

    /**
     * The result of {@code work}, waiting for it if need be; what the work threw is thrown here as it
     * was (a checked exception, which work run here could not throw unwrapped, as an
     * IllegalStateException). An interrupt does not abandon the wait (the caller needs the result to
     * go on, and an output cut short without a word is worse): it is kept for the caller.
     */
    public static <T> T of(Future<T> work) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return work.get();
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
}
