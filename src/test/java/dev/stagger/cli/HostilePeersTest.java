package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports that answer like no Redis: a header announcing two billion elements or bytes, or `+PONG` to
 * every command. Each once cost an OutOfMemoryError or a ClassCastException; now the peer is named as
 * not answering like Redis (unhealthy in status, exit 3 in discover), within the test JVM's memory.
 */
class HostilePeersTest {
    @TempDir
    Path dir;

    private FakePeer peer;

    @AfterEach
    void stop() throws IOException {
        if (peer != null) {
            peer.close();
        }
    }

    /** Answers every read with the same bytes, on every connection, until closed. */
    public static final class FakePeer implements AutoCloseable {
        final ServerSocket server;

        public FakePeer(String reply) throws IOException {
            this(s -> serve(s, reply.getBytes(StandardCharsets.ISO_8859_1)));
        }

        /** A peer that talks to each connection its own way (on a thread of its own). */
        public FakePeer(java.util.function.Consumer<Socket> talk) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread c = new Thread(() -> talk.accept(s));
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private static void serve(Socket s, byte[] reply) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buf = new byte[4096];
                while (in.read(buf) > 0) {
                    out.write(reply);
                    out.flush();
                }
            } catch (IOException e) {
                // the client hung up: expected
            }
        }

        public int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private Path inventoryWithRedisOn(int port) throws IOException {
        return Files.writeString(dir.resolve("inv.yaml"), "cluster: hostile\nhosts:\n  h1: { dc: dc1, address: 127.0.0.1 }\n"
                + "services:\n  cache:\n    kind: redis\n    instances: [h1:" + port + "]\n    master: h1:" + port + "\n");
    }

    @Test
    void statusNamesAPeerThatAnnouncesHugeReplies() throws Exception {
        for (String reply : new String[] {"*2147483000\r\n", "$2147483000\r\n", "%2147483000\r\n", "+PONG\r\n", "HTTP/1.1 400\r\n"}) {
            peer = new FakePeer(reply);
            CliResult r = CliResult.run("status", "-i", inventoryWithRedisOn(peer.port()).toString(), "--timeout", "2s");
            assertThat(r.exitCode()).as(reply + r).isEqualTo(1);
            assertThat(r.out() + r.err()).as(reply + r).contains("does not answer like Redis")
                    .doesNotContain("OutOfMemory").doesNotContain("Exception");
            peer.close();
            peer = null;
        }
    }

    @Test
    void discoverRefusesPeersThatAreNotSentinelsOrClusterNodes() throws Exception {
        for (String reply : new String[] {"*2147483000\r\n", "+PONG\r\n", "$2147483000\r\n"}) {
            peer = new FakePeer(reply);
            CliResult sentinel = CliResult.run("discover", "--sentinel", "127.0.0.1:" + peer.port(), "--timeout", "2s");
            assertThat(sentinel.exitCode()).as(reply + sentinel).isEqualTo(3);
            assertThat(sentinel.err()).contains("does not answer like a Redis sentinel")
                    .doesNotContain("Exception").doesNotContain("internal error");
            CliResult cluster = CliResult.run("discover", "--cluster", "127.0.0.1:" + peer.port(), "--timeout", "2s");
            assertThat(cluster.exitCode()).as(reply + cluster).isEqualTo(3);
            assertThat(cluster.err()).contains("does not answer like a Redis cluster node")
                    .doesNotContain("Exception").doesNotContain("internal error");
            peer.close();
            peer = null;
        }
    }
}
