package dev.stagger.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ROLE} reply: what an instance says it is right now (INFO can lag a role change by a beat).
 *
 * @param role       {@code master}, {@code slave} or {@code sentinel}
 * @param offset     a master's replication offset, or a replica's processed offset
 * @param masterHost a replica's master (null for a master)
 * @param linkState  a replica's {@code connect}, {@code connecting}, {@code sync} or {@code connected}
 * @param replicas   a master's replicas with their acknowledged offsets
 */
public record RoleReply(String role, long offset, String masterHost, int masterPort, String linkState,
                        List<Replica> replicas) {

    public record Replica(String ip, int port, long offset) {
    }

    public boolean isMaster() {
        return "master".equals(role);
    }

    public boolean isReplica() {
        return "slave".equals(role);
    }

    /** Parses Jedis' raw reply (byte[] strings, Long numbers, nested lists). */
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
                return new RoleReply(role, reply.size() > 4 ? num(reply.get(4)) : 0, str(reply.get(1)),
                        (int) num(reply.get(2)), str(reply.get(3)), List.of());
            default:
                return new RoleReply(role, 0, null, 0, null, List.of());
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
        return Long.parseLong(str(o));
    }
}
