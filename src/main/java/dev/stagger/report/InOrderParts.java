package dev.stagger.report;

import dev.stagger.concurrent.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * Text made in parts on two threads and handed over in order: the calling thread and one helper
 * format the parts (each takes the next part not begun), the calling thread hands each finished
 * part to the output as soon as every part before it is handed over. The output is the same as
 * formatting the parts one after another on one thread, and so is a failure: what formatting part
 * {@code k} threw, on either thread, is thrown here once parts {@code 0..k-1} are handed over, and
 * nothing after part {@code k} is.
 */
final class InOrderParts {
    /** Formats part {@code index}. */
    interface Part<T> {
        T format(int index);
    }

    /** Receives each part, in order. */
    interface Output<T> {
        void take(T part) throws IOException;
    }

    private InOrderParts() {
    }

    static <T> void write(int parts, Part<T> part, Output<T> out, String threadName) throws IOException {
        @SuppressWarnings("unchecked")
        FutureTask<T>[] tasks = new FutureTask[parts];
        for (int i = 0; i < parts; i++) {
            int index = i;
            tasks[i] = new FutureTask<>(() -> part.format(index));
        }
        // A task runs once, on whichever thread reaches it first; the other passes it by.
        List<FutureTask<T>> helperTasks = List.of(tasks);
        Thread helper = new Thread(() -> helperTasks.forEach(FutureTask::run), threadName);
        // Never holds up the JVM's exit: after a failure here its remaining parts are cancelled.
        helper.setDaemon(true);
        helper.start();
        boolean handedOver = false;
        try {
            int next = 0;
            for (int k = 0; k < parts; k++) {
                // While the helper formats part k, this thread formats the next ones rather than wait.
                next = Math.max(next, k);
                while (!tasks[k].isDone() && next < parts) {
                    tasks[next++].run();
                }
                out.take(Outcome.of(tasks[k])); // what formatting it threw is thrown here
                tasks[k] = null;
            }
            handedOver = true;
        } finally {
            if (!handedOver) {
                for (FutureTask<T> t : tasks) {
                    if (t != null) {
                        t.cancel(false);
                    }
                }
            }
        }
    }
}
