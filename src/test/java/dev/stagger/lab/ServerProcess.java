package dev.stagger.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One lab process (redis-server, sentinel or a health server) described entirely by files in its
 * own directory: {@code node.properties} (name, host, port, kind), {@code cmd} (one argument per
 * line), {@code pid}, {@code log}. Because the state is on disk, a separate JVM ({@link LabCtl},
 * called from plan hooks) can stop and start the same process the test started.
 */
public class ServerProcess {
    public enum Kind { REDIS, SENTINEL, APP }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path dir;
    private final String name;
    private final String host;
    private final int port;
    private final Kind kind;
    private final String password;

    protected ServerProcess(Path dir, String name, String host, int port, Kind kind, String password) {
        this.dir = dir;
        this.name = name;
        this.host = host;
        this.port = port;
        this.kind = kind;
        this.password = password;
    }

    /** Writes the node's description and start command; does not start it. */
    protected static void describe(Path dir, String name, String host, int port, Kind kind,
                                   String password, List<String> command) {
        try {
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.setProperty("name", name);
            p.setProperty("host", host);
            p.setProperty("port", Integer.toString(port));
            p.setProperty("kind", kind.name());
            if (password != null) {
                // The lab's own test password, so LabCtl can PING a protected node; never a real secret.
                p.setProperty("password", password);
            }
            try (var w = Files.newBufferedWriter(dir.resolve("node.properties"))) {
                p.store(w, "stagger lab node");
            }
            Files.write(dir.resolve("cmd"), command, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a node back from its directory (as {@link LabCtl} does). */
    public static ServerProcess load(Path dir) {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve("node.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerProcess(dir, p.getProperty("name"), p.getProperty("host"),
                Integer.parseInt(p.getProperty("port")), Kind.valueOf(p.getProperty("kind")),
                p.getProperty("password"));
    }

    public Path dir() {
        return dir;
    }

    public String name() {
        return name;
    }

    /** The lab host (app1, app2, arb3) this process belongs to. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Kind kind() {
        return kind;
    }

    protected String password() {
        return password;
    }

    /** {@code host:port} as the inventory writes it. */
    public String endpoint() {
        return host + ":" + port;
    }

    /** Starts the process (no-op if it runs) and waits until it answers. */
    public void start() {
        if (isRunning()) {
            return;
        }
        try {
            List<String> cmd = Files.readAllLines(dir.resolve("cmd"), StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            Files.writeString(dir.resolve("pid"), Long.toString(p.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        awaitReady();
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s; waits for the exit. */
    public void stop() {
        pidHandle().ifPresent(h -> {
            h.destroy();
            if (!waitExit(h, STOP_TIMEOUT)) {
                h.destroyForcibly();
                waitExit(h, STOP_TIMEOUT);
            }
        });
    }

    /** kill -9: no shutdown, no save, like a crashed host. */
    public void kill() {
        pidHandle().ifPresent(h -> {
            h.destroyForcibly();
            waitExit(h, STOP_TIMEOUT);
        });
    }

    public void restart() {
        stop();
        start();
    }

    public boolean isRunning() {
        return pidHandle().isPresent();
    }

    private Optional<ProcessHandle> pidHandle() {
        Path pidFile = dir.resolve("pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean waitExit(ProcessHandle h, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (h.isAlive() && System.nanoTime() < end) {
            sleep(20);
        }
        return !h.isAlive();
    }

    /** Waits until the node answers: PING for Redis and sentinels, a TCP connect for an app. */
    public void awaitReady() {
        long end = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < end) {
            if (!isRunning()) {
                throw new IllegalStateException(name + " exited during start; log:\n" + tail());
            }
            try {
                if (kind == Kind.APP) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                        return;
                    }
                }
                Object r = Resp.call(port, password, "PING");
                if ("PONG".equals(r)) {
                    return;
                }
                last = String.valueOf(r);
            } catch (Resp.Error e) {
                last = e.getMessage();
            } catch (IOException e) {
                last = e.toString();
            }
            sleep(25);
        }
        throw new IllegalStateException(name + " did not answer within " + READY_TIMEOUT + " (" + last + "); log:\n" + tail());
    }

    /** The end of the node's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Sleeps, turning an interrupt into an exception that ends the test (the flag kept set). */
    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + "@" + endpoint();
    }
}
