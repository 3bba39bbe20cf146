package dev.stagger.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Where the lab's {@code redis-server} comes from: the one on PATH, or, when there is none (or
 * {@code STAGGER_LAB_REDIS=bundled}), the binary shipped inside the embedded-redis test jar,
 * extracted once per JVM. Sentinels run as {@code redis-server CONF --sentinel}, so one binary serves both.
 */
public final class RedisBinary {
    private static Path cached;

    private RedisBinary() {
    }

    public static synchronized Path redisServer() {
        if (cached == null) {
            boolean bundled = "bundled".equalsIgnoreCase(System.getenv("STAGGER_LAB_REDIS"));
            Path onPath = bundled ? null : findOnPath("redis-server");
            cached = onPath != null ? onPath : extractBundled();
        }
        return cached;
    }

    static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static Path extractBundled() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String resource = arch.contains("aarch64") || arch.contains("arm64")
                ? "/redis-server-6.2.7-linux-arm64"
                : "/redis-server-6.2.6-v5-linux-amd64";
        try (InputStream in = RedisBinary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no redis-server on PATH and " + resource
                        + " is not on the test classpath (embedded-redis test dependency)");
            }
            Path dir = Files.createTempDirectory("stagger-redis-bin");
            Path target = dir.resolve("redis-server");
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            if (!target.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + target + " executable");
            }
            target.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the bundled redis-server", e);
        }
    }
}
