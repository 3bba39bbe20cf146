package dev.stagger.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** What every lab needs: free loopback ports, and its temp dir removed afterwards. */
public final class LabSupport {
    private LabSupport() {
    }

    /** {@code n} distinct free ports on 127.0.0.1, safe across parallel test JVMs ({@link LabPorts}). */
    public static int[] freePorts(int n) {
        return LabPorts.free(n);
    }

    /**
     * Polls {@code unmet} (why the condition does not hold yet, null once it does; an exception counts
     * as not yet) until it holds, or fails after {@code timeout} with the last reason.
     */
    public static void await(String what, Duration timeout, Duration every, Supplier<String> unmet) {
        long end = System.nanoTime() + timeout.toNanos();
        String why = "";
        while (System.nanoTime() < end) {
            try {
                why = unmet.get();
            } catch (RuntimeException e) {
                why = e.toString();
            }
            if (why == null) {
                return;
            }
            ServerProcess.sleep(every.toMillis());
        }
        throw new IllegalStateException("no " + what + " within " + timeout + ": " + why);
    }

    /** Deletes a lab's dir, unless STAGGER_LAB_KEEP is set (to read the logs of a failed test). */
    public static void deleteUnlessKept(Path dir) {
        if (dir == null || System.getenv("STAGGER_LAB_KEEP") != null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }
}
