package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command in a JVM of 64 MiB heap, against inputs that once cost gigabytes: devices,
 * a huge sparse file, a port that announces two-billion-element replies. Each ends with its
 * documented exit code and a message, never an OutOfMemoryError or a stack trace.
 */
class HostileInputIT {
    private static final Path JAR = Path.of("target/stagger.jar");

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Result stagger(String... args) throws Exception {
        assertThat(JAR).as("mvn package builds the jar before the integration tests").exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // Generous: this catches a hang, not a slow machine.
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stagger %s finished", List.of(args)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void clean(Result r) {
        assertThat(r.all()).doesNotContain("OutOfMemory").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("internal error");
    }

    @Test
    void devicesAndHugeFilesAreRefusedWithinASmallHeap() throws Exception {
        Path huge = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(2L * 1024 * 1024 * 1024); // sparse: costs no disk
        }
        Path plan = Files.writeString(dir.resolve("plan.yaml"), "plan: p\ninventory: /dev/zero\nsteps:\n  - maintain: [a]\n");
        for (String[] args : new String[][] {
                {"validate", "/dev/zero"}, {"validate", huge.toString()}, {"validate", plan.toString()},
                {"status", "-i", "/dev/zero"}, {"plan", huge.toString()},
                {"discover", "--sentinel", "127.0.0.1:1", "--dc-map", "/dev/zero"},
                {"discover", "--sentinel", "127.0.0.1:1", "--auth-file", "/dev/zero"},
                {"discover", "--sentinel", "127.0.0.1:1", "--sentinel-auth-file", huge.toString()}}) {
            Result r = stagger(args);
            assertThat(r.exit()).as("%s: %s", List.of(args), r).isEqualTo(2);
            assertThat(r.err()).as("%s", List.of(args)).containsAnyOf("is not a regular file", "is larger than 64 MiB", "is larger than 64 KiB");
            clean(r);
        }
    }

    @Test
    void aPortAnnouncingHugeRepliesCostsNoMemory() throws Exception {
        hugeRepliesCostNoMemory("*2147483000\r\n");
        // Each header within the cap, nested: the client sized a list of a million for each (OOM at 64 MiB).
        hugeRepliesCostNoMemory("*1000000\r\n".repeat(200));
    }

    private void hugeRepliesCostNoMemory(String reply) throws Exception {
        try (HostilePeersTest.FakePeer peer = new HostilePeersTest.FakePeer(reply)) {
            Path inv = Files.writeString(dir.resolve("inv.yaml"), "cluster: hostile\nhosts:\n"
                    + "  h1: { dc: dc1, address: 127.0.0.1 }\nservices:\n  cache:\n    kind: redis\n"
                    + "    instances: [h1:" + peer.port() + "]\n    master: h1:" + peer.port() + "\n",
                    StandardCharsets.UTF_8);
            Result status = stagger("status", "-i", inv.toString(), "--timeout", "2s");
            assertThat(status.exit()).as(status.toString()).isEqualTo(1);
            assertThat(status.all()).contains("does not answer like Redis");
            clean(status);
            Result discover = stagger("discover", "--sentinel", "127.0.0.1:" + peer.port(), "--timeout", "2s");
            assertThat(discover.exit()).as(discover.toString()).isEqualTo(3);
            assertThat(discover.err()).contains("does not answer like a Redis sentinel");
            clean(discover);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHealthEndpointThatNeverStopsTalkingIsJudgedByItsStatus() throws Exception {
        try (HostilePeersTest.FakePeer server = new HostilePeersTest.FakePeer(s -> {
            try (s) {
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                while (true) {
                    s.getOutputStream().write(chunk); // until the client hangs up
                }
            } catch (IOException e) {
                // the probe closed the connection: expected
            }
        })) {
            Path inv = Files.writeString(dir.resolve("inv.yaml"), "cluster: chatty\nhosts:\n"
                    + "  h1: { dc: dc1, address: 127.0.0.1 }\nservices:\n  api:\n    kind: app\n"
                    + "    instances: [h1]\n    health: http://{address}:" + server.port() + "/healthz\n");
            Result status = stagger("status", "-i", inv.toString(), "--timeout", "2s");
            assertThat(status.exit()).as(status.toString()).isZero();
            clean(status);
        }
    }
}
