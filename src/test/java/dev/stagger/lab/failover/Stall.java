package dev.stagger.lab.failover;

import dev.stagger.lab.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Makes a lab process slow the way an overloaded host does: stopped (SIGSTOP) for {@code stopMs},
 * then running (SIGCONT) for {@code runMs}, over and over, until closed. It answers every command,
 * late. Only the lab's own process is signalled, by the pid the lab recorded.
 */
public final class Stall implements AutoCloseable {
    private final String pid;
    private final Thread thread;
    private volatile boolean running = true;

    public Stall(ServerProcess process, long stopMs, long runMs) {
        try {
            this.pid = Files.readString(process.dir().resolve("pid")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(() -> {
            while (running) {
                signal("-STOP");
                ServerProcess.sleep(stopMs);
                signal("-CONT");
                ServerProcess.sleep(runMs);
            }
        }, "stall-" + process.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void signal(String sig) {
        try {
            new ProcessBuilder("kill", sig, pid).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        signal("-CONT");
    }
}
