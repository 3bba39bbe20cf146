package dev.stagger.lab;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A lab app server: answers {@code GET /healthz} with 200 until it is stopped. Optionally its health
 * depends on writing to Redis, like a real app's: {@code pinned PORT} writes to the Redis it was
 * configured with (a client that does not follow Sentinel: after a failover that Redis is a replica,
 * the write gets READONLY and the app answers 503); {@code follow SENTINEL_PORT MASTER_NAME} asks the
 * sentinel for the master on every check and writes there.
 */
public final class HealthServer {
    private HealthServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 16);
        server.createContext("/healthz", exchange -> {
            String problem = args.length > 1 ? writeProblem(args) : null;
            byte[] body = (problem == null ? "ok\n" : problem + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(problem == null ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Null when the app can write to its Redis; else why not. */
    private static String writeProblem(String[] args) {
        try {
            int port;
            if (args[1].equals("pinned")) {
                port = Integer.parseInt(args[2]);
            } else {
                Object addr = Resp.call(Integer.parseInt(args[2]), null, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", args[3]);
                port = Integer.parseInt(String.valueOf(((List<?>) addr).get(1)));
            }
            Object reply = Resp.call(port, null, "SET", "lab:app-health", Long.toString(System.nanoTime()));
            return "OK".equals(String.valueOf(reply)) ? null : "SET answered " + reply;
        } catch (IOException | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
