package dev.stagger.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A lab app server: a small JVM serving {@code /healthz} (see {@link HealthServer}). */
public final class AppNode {
    private AppNode() {
    }

    public static ServerProcess create(Path dir, String name, String host, int port) {
        return create(dir, name, host, port, List.of());
    }

    /** @param healthArgs what its health depends on (see {@link HealthServer}) */
    public static ServerProcess create(Path dir, String name, String host, int port, List<String> healthArgs) {
        List<String> cmd = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cmd.addAll(List.of(java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HealthServer.class.getName(), Integer.toString(port)));
        cmd.addAll(healthArgs);
        ServerProcess.describe(dir, name, host, port, ServerProcess.Kind.APP, null, cmd);
        return ServerProcess.load(dir);
    }
}
