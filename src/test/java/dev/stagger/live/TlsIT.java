package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code auth: { tls: true }} against a real TLS-only Redis port with a self-signed certificate:
 * trusted through the JVM's trust store (a child JVM given one) the probe is healthy; untrusted, or
 * spoken to in plain text, it is unhealthy with its reason. Fails closed, never falls back to plain text.
 */
class TlsIT {

    @Test
    void probesOverTlsAndFailClosedWhenTheCertificateIsNotTrusted() throws Exception {
        Path dir = Files.createTempDirectory("stagger-tls");
        int[] ports = LabSupport.freePorts(2);
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem");
        run(dir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt", "-alias", "lab", "-file", "cert.pem", "-keystore", "trust.p12",
                "-storetype", "PKCS12", "-storepass", "changeit");
        // The plain port stays open only for the lab's own readiness PING; stagger talks to the TLS port.
        RedisNode redis = RedisNode.create(dir.resolve("redis"), "redis-tls", "h1", ports[0], 0, null, List.of(
                "tls-port " + ports[1], "tls-cert-file " + dir.resolve("cert.pem"), "tls-key-file " + dir.resolve("key.pem"),
                "tls-ca-cert-file " + dir.resolve("cert.pem"), "tls-auth-clients no"));
        try {
            redis.start();
            Path tlsInventory = inventory(dir, "tls.yaml", ports[1], true);
            Path plainInventory = inventory(dir, "plain.yaml", ports[1], false);
            Instance i = new Instance("cache", Endpoint.of("h1", ports[1]));
            // Roomy: a first TLS handshake of a JVM on a loaded machine can take more than a second.
            ProbeSettings fast = ProbeSettings.DEFAULT.withTimeouts(Duration.ofMillis(3000), Duration.ofMillis(3000));

            RedisProbe untrusted = new LiveProber(fast).probe(InventoryLoader.load(tlsInventory)).redis(i).orElseThrow();
            assertThat(untrusted.healthy()).isFalse();
            assertThat(untrusted.reason()).containsIgnoringCase("certification path");

            Inventory plain = InventoryLoader.load(plainInventory);
            assertThat(new LiveProber(fast).probe(plain).redis(i).orElseThrow().healthy()).isFalse();

            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djavax.net.ssl.trustStore=" + dir.resolve("trust.p12"), "-Djavax.net.ssl.trustStorePassword=changeit",
                    "-cp", System.getProperty("java.class.path"), "dev.stagger.cli.Main",
                    "status", "-i", tlsInventory.toString(), "--format", "json")
                    .redirectErrorStream(true).start();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(out).isZero();
            assertThat(out.replaceAll("\\s", "")).contains("\"role\":\"master\"").contains("\"healthy\":true");
        } finally {
            redis.kill();
            LabSupport.deleteUnlessKept(dir);
        }
    }

    private static Path inventory(Path dir, String name, int port, boolean tls) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "cluster: tls\nhosts:\n  h1: { dc: dc1, address: 127.0.0.1 }\nservices:\n"
                + "  cache:\n    kind: redis\n    instances: [h1:" + port + "]\n    master: h1:" + port + "\n"
                + "    auth: { tls: " + tls + " }\n");
        return p;
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    }
}
