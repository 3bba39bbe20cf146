package dev.stagger.lab;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal raw-socket RESP client for the lab: enough to PING, AUTH and send admin commands
 * without any client library, so {@link LabCtl} and readiness checks stay independent of the
 * code under test. Replies: String (simple/bulk), Long, List, null; errors throw {@link Error}.
 */
public final class Resp {
    /** A {@code -ERR ...} reply. */
    public static final class Error extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Error(String message) {
            super(message);
        }
    }

    private Resp() {
    }

    /** One command on a fresh connection (authenticating first when a password is given). */
    public static Object call(int port, String password, String... args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            if (password != null) {
                write(out, "AUTH", password);
                read(in);
            }
            write(out, args);
            return read(in);
        }
    }

    public static String callString(int port, String password, String... args) throws IOException {
        Object r = call(port, password, args);
        return r == null ? null : r.toString();
    }

    private static void write(OutputStream out, String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new Error(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    try {
                        items.add(read(in));
                    } catch (Error e) {
                        items.add(e);
                    }
                }
                return items;
            }
            case -1:
                throw new IOException("connection closed");
            default:
                throw new IOException("unexpected RESP type " + (char) type);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            buf.write(c);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
