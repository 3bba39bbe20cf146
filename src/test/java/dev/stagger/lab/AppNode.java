package dev.stagger.lab;

import java.nio.file.Path;
import java.util.List;

/** A lab app server: a small JVM serving {@code /healthz} (see {@link HealthServer}). */
public final class AppNode {
    private AppNode() {
    }

    public static ServerProcess create(Path dir, String name, String host, int port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerProcess.describe(dir, name, host, port, ServerProcess.Kind.APP, null,
                List.of(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        HealthServer.class.getName(), Integer.toString(port)));
        return ServerProcess.load(dir);
    }
}
