package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Static checks must not touch the probe code: a plain {@code validate} in a fresh JVM loads no
 * {@code dev.stagger.live} and no Jedis class, while {@code validate --live} does (the control that
 * shows the test can fail).
 */
class NoJedisWithoutLiveTest {
    @TempDir
    Path dir;

    private String loadedClasses(String... args) throws Exception {
        Files.writeString(dir.resolve("inventory.yaml"), String.join("\n",
                "cluster: offline",
                "hosts:",
                "  app1: { dc: dc1, address: 127.0.0.1 }",
                "  app2: { dc: dc2, address: 127.0.0.1 }",
                "services:",
                "  cache:",
                "    kind: redis",
                "    instances: [app1:1, app2:2]",
                "    master: app1:1",
                ""));
        Files.writeString(dir.resolve("plan.yaml"), String.join("\n",
                "plan: one", "inventory: inventory.yaml", "steps:", "  - id: a", "    maintain: [app2]", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xlog:class+load=info", "-cp",
                System.getProperty("java.class.path"), "dev.stagger.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("the command ran").contains("dev.stagger.cli.ValidateCommand");
        return out;
    }

    @Test
    void validateWithoutLiveLoadsNoProbeCode() throws Exception {
        String out = loadedClasses("validate", dir.resolve("plan.yaml").toString());
        assertThat(out).doesNotContain("redis.clients.").doesNotContain("dev.stagger.live.");
    }

    @Test
    void validateWithLiveDoesLoadIt() throws Exception {
        String out = loadedClasses("validate", "--live", dir.resolve("plan.yaml").toString());
        assertThat(out).contains("dev.stagger.live.LiveProber");
    }
}
