package dev.stagger.live.failover;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply of {@code ROLE}: what an instance itself says it is. Parsed from the raw reply (bulk
 * strings as bytes or strings, integers as longs) so that it can be tested without a server.
 *
 * @param kind         master, replica or sentinel
 * @param offset       a master's {@code master_repl_offset}, or a replica's processed offset (-1 when unknown)
 * @param replicas     a master's connected replicas as it sees them (IP and listening port)
 * @param masterHost   a replica's master, as configured by REPLICAOF (an IP, usually)
 * @param masterPort   a replica's master port
 * @param linkState    a replica's link: {@code connect}, {@code connecting}, {@code sync} or {@code connected}
 */
record Role(Kind kind, long offset, List<Peer> replicas, String masterHost, int masterPort, String linkState) {

    public enum Kind { MASTER, REPLICA, SENTINEL }

    /** A replica in a master's ROLE reply. */
    public record Peer(String ip, int port, long offset) {
        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }

    public boolean isMaster() {
        return kind == Kind.MASTER;
    }

    /** A replica of this address whose link is fully established. */
    public boolean replicatesFrom(String host, int port) {
        return kind == Kind.REPLICA && masterPort == port && masterHost.equals(host) && "connected".equals(linkState);
    }

    public static Role parse(List<?> reply) {
        if (reply == null || reply.isEmpty()) {
            throw new IllegalArgumentException("empty ROLE reply");
        }
        String word = text(reply.get(0));
        switch (word) {
            case "master": {
                List<Peer> peers = new ArrayList<>();
                if (reply.size() > 2 && reply.get(2) instanceof List<?> list) {
                    for (Object o : list) {
                        List<?> p = (List<?>) o;
                        peers.add(new Peer(text(p.get(0)), (int) number(p.get(1)), number(p.get(2))));
                    }
                }
                return new Role(Kind.MASTER, number(reply.get(1)), List.copyOf(peers), null, 0, null);
            }
            case "slave":
            case "replica":
                return new Role(Kind.REPLICA, reply.size() > 4 ? number(reply.get(4)) : -1, List.of(),
                        text(reply.get(1)), (int) number(reply.get(2)), text(reply.get(3)));
            case "sentinel":
                return new Role(Kind.SENTINEL, -1, List.of(), null, 0, null);
            default:
                throw new IllegalArgumentException("unknown ROLE " + word);
        }
    }

    private static String text(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return String.valueOf(o);
    }

    private static long number(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(text(o).trim());
    }

    /** {@code master (offset 1234, replicas 127.0.0.1:6380)} or {@code replica of 127.0.0.1:6379 (connected)}. */
    public String describe() {
        return switch (kind) {
            case MASTER -> "master (offset " + offset + ", replicas " + (replicas.isEmpty() ? "none" : replicas) + ")";
            case REPLICA -> "replica of " + masterHost + ":" + masterPort + " (" + linkState + ", offset " + offset + ")";
            case SENTINEL -> "sentinel";
        };
    }
}
