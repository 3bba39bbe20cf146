package dev.stagger.run.live;

import dev.stagger.run.RunLock;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real command as a person runs it: {@code java -jar target/stagger.jar ...} with no JVM flags
 * but the test build's lock dir,
 * started through {@code setsid} so that it leads a process group of its own, as a shell's foreground
 * job does. Signals go to that whole group ({@code kill -INT -- -PGID}), the way a terminal's Ctrl-C
 * does. Its peak resident memory (VmHWM) is sampled while it runs.
 */
final class JarRun implements AutoCloseable {
    private final Process process;
    private final Path errFile;
    private volatile long peakKib;
    private final Thread sampler;

    private JarRun(Process process, Path errFile) {
        this.process = process;
        this.errFile = errFile;
        this.sampler = new Thread(this::sample, "vmhwm-" + process.pid());
        sampler.setDaemon(true);
        sampler.start();
    }

    /** @param errFile where its stderr goes; null discards it (gigabytes of hook output) */
    static JarRun start(Path dir, Path errFile, String... args) {
        Path jar = Path.of("target", "stagger.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run mvn package first");
        }
        List<String> cmd = new ArrayList<>(List.of("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        String lockDir = System.getProperty(RunLock.DIR_PROPERTY);
        if (lockDir != null) {
            // This build's (and fork's) lock dir, as for the in-process runs: not the machine's shared one.
            cmd.add(cmd.size() - 2, "-D" + RunLock.DIR_PROPERTY + "=" + lockDir);
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(errFile == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(errFile.toFile()))
                .redirectInput(new File("/dev/null"));
        try {
            return new JarRun(pb.start(), errFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** {@code kill -s SIG -- -PGID}: every process of the run's group, as a terminal's Ctrl-C. */
    void signalGroup(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + process.pid()).inheritIO().start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -s " + signal + " -- -" + process.pid() + " failed");
        }
    }

    /** @return the exit code, or fails when it did not exit within {@code limit} */
    int awaitExit(Duration limit) throws Exception {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("stagger did not exit within " + limit + "; stderr:\n" + err());
        }
        sampler.join(2000);
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String err() throws IOException {
        return errFile != null && Files.exists(errFile) ? Files.readString(errFile) : "";
    }

    /** The highest VmHWM seen, in MiB. */
    long peakRssMib() {
        return peakKib / 1024;
    }

    private void sample() {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        while (process.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        peakKib = Math.max(peakKib, kib);
                    }
                }
                Thread.sleep(100);
            } catch (IOException | RuntimeException e) {
                // it exited between the check and the read
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The live processes whose process group is {@code pgid}, from {@code /proc}. */
    static List<Long> groupMembers(long pgid) throws IOException {
        List<Long> out = new ArrayList<>();
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path d : dirs) {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[2]) == pgid && !f[0].equals("Z")) {
                        out.add(Long.parseLong(d.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // exited while we looked
                }
            }
        }
        return out;
    }

    /** Waits until stderr contains {@code text}; returns how long that took. */
    Duration awaitErr(String text, Duration limit) throws Exception {
        long start = System.nanoTime();
        long end = start + limit.toNanos();
        while (!err().contains(text)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("stderr did not say \"" + text + "\" within " + limit + ":\n" + err());
            }
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Kills the whole group if the run is still going (a failed test must not leave it behind). */
    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-s", "KILL", "--", "-" + process.pid()).inheritIO().start();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
