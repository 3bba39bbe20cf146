package dev.stagger.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ROLE} reply: what an instance says it is right now (INFO can lag a role change by a beat).
 *
 * @param role       {@code master}, {@code slave} or {@code sentinel}
 * @param offset     a master's replication offset, or a replica's processed offset (-1 when unknown)
 * @param masterHost a replica's master (null for a master)
 * @param linkState  a replica's {@code connect}, {@code connecting}, {@code sync} or {@code connected}
 * @param replicas   a master's replicas with their acknowledged offsets
 */
public record RoleReply(String role, long offset, String masterHost, int masterPort, String linkState,
                        List<Replica> replicas) {

    public record Replica(String ip, int port, long offset) {
        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }

    public boolean isMaster() {
        return "master".equals(role);
    }

    public boolean isReplica() {
        return "slave".equals(role);
    }

    /** A replica of this address whose link is fully established. */
    public boolean replicatesFrom(String host, int port) {
        return isReplica() && masterPort == port && host.equals(masterHost) && "connected".equals(linkState);
    }

    /** {@code master (offset 1234, replicas 127.0.0.1:6380)} or {@code replica of 127.0.0.1:6379 (connected, offset 9)}. */
    public String describe() {
        if (isMaster()) {
            return "master (offset " + offset + ", replicas " + (replicas.isEmpty() ? "none" : replicas) + ")";
        }
        if (isReplica()) {
            return "replica of " + masterHost + ":" + masterPort + " (" + linkState + ", offset " + offset + ")";
        }
        return role;
    }

    /**
     * Parses Jedis' raw reply (byte[] strings, Long numbers, nested lists). A replica's role reads
     * {@code slave} whichever word the server used; an unknown role is an error, not a guess.
     */
    public static RoleReply parse(List<Object> reply) {
        if (reply == null || reply.isEmpty()) {
            throw new IllegalArgumentException("empty ROLE reply");
        }
        String role = str(reply.get(0));
        switch (role) {
            case "master": {
                List<Replica> replicas = new ArrayList<>();
                if (reply.size() > 2 && reply.get(2) instanceof List<?> list) {
                    for (Object o : list) {
                        List<?> r = (List<?>) o;
                        replicas.add(new Replica(str(r.get(0)), (int) num(r.get(1)), num(r.get(2))));
                    }
                }
                return new RoleReply(role, num(reply.get(1)), null, 0, null, List.copyOf(replicas));
            }
            case "slave":
            case "replica":
                return new RoleReply("slave", reply.size() > 4 ? num(reply.get(4)) : -1, str(reply.get(1)),
                        (int) num(reply.get(2)), str(reply.get(3)), List.of());
            case "sentinel":
                return new RoleReply(role, -1, null, 0, null, List.of());
            default:
                throw new IllegalArgumentException("unknown ROLE " + role);
        }
    }

    private static String str(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return String.valueOf(o);
    }

    private static long num(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(str(o).trim());
    }
}
