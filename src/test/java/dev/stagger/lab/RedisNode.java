package dev.stagger.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A lab redis-server: its own config and data dir, on 127.0.0.1. */
public final class RedisNode extends ServerProcess {

    private RedisNode(ServerProcess p) {
        super(p.dir(), p.name(), p.host(), p.port(), p.kind(), p.password());
    }

    /**
     * Writes the config (and does not start the node).
     *
     * @param replicaOfPort the master's port, or 0 for a master
     * @param password      requirepass and masterauth, or null
     * @param extra         more config lines, e.g. {@code maxmemory 10mb}
     */
    public static RedisNode create(Path dir, String name, String host, int port, int replicaOfPort,
                                   String password, List<String> extra) {
        List<String> conf = new ArrayList<>(List.of(
                "port " + port,
                "bind 127.0.0.1",
                "daemonize no",
                "protected-mode no",
                "dir " + dir.resolve("data").toAbsolutePath(),
                "save \"\"",
                "appendonly no",
                "repl-diskless-sync yes",
                "repl-diskless-sync-delay 0",
                "repl-ping-replica-period 1",
                "logfile \"\""));
        if (replicaOfPort > 0) {
            conf.add("replicaof 127.0.0.1 " + replicaOfPort);
        }
        if (password != null) {
            conf.add("requirepass " + password);
            conf.add("masterauth " + password);
        }
        conf.addAll(extra);
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.write(dir.resolve("redis.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        describe(dir, name, host, port, Kind.REDIS, password,
                List.of(RedisBinary.redisServer().toString(), dir.resolve("redis.conf").toAbsolutePath().toString()));
        return new RedisNode(load(dir));
    }

    /** Any command, authenticated when the node has a password. */
    public Object call(String... args) {
        try {
            return Resp.call(port(), password(), args);
        } catch (IOException e) {
            throw new UncheckedIOException(name() + " did not answer " + args[0], e);
        }
    }

    /** One field of INFO, e.g. {@code info("role")}. */
    public String info(String field) {
        for (String line : String.valueOf(call("INFO")).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    /** REPLICAOF at run time, persisted into the config so a restart keeps it. */
    public void replicaOf(int masterPort) {
        call("REPLICAOF", "127.0.0.1", Integer.toString(masterPort));
        call("CONFIG", "REWRITE");
    }

    public void makeMaster() {
        call("REPLICAOF", "NO", "ONE");
        call("CONFIG", "REWRITE");
    }
}
