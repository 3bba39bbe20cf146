package dev.stagger.live.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a CLUSTER SHARDS reply already decoded to strings, longs and lists: each shard is a flat
 * map {@code slots [a, b, c, d] nodes [[id X port P ...], ...]}, slots given as start/end pairs.
 */
public final class ClusterShardsParser {
    private ClusterShardsParser() {
    }

    public static List<ClusterShard> parse(List<?> reply) {
        List<ClusterShard> out = new ArrayList<>();
        for (Object shardObj : reply) {
            List<?> shard = list(shardObj, "shard");
            List<SlotRange> slots = new ArrayList<>();
            List<ClusterShard.Member> members = new ArrayList<>();
            for (int i = 0; i + 1 < shard.size(); i += 2) {
                String key = String.valueOf(shard.get(i));
                Object value = shard.get(i + 1);
                if ("slots".equals(key)) {
                    List<?> bounds = list(value, "slots");
                    for (int s = 0; s + 1 < bounds.size(); s += 2) {
                        slots.add(new SlotRange(toInt(bounds.get(s)), toInt(bounds.get(s + 1))));
                    }
                } else if ("nodes".equals(key)) {
                    for (Object node : list(value, "nodes")) {
                        members.add(member(list(node, "node")));
                    }
                }
            }
            out.add(new ClusterShard(SlotRange.normalize(slots), List.copyOf(members)));
        }
        return List.copyOf(out);
    }

    private static ClusterShard.Member member(List<?> fields) {
        String id = null;
        String ip = "";
        String hostname = null;
        String role = "";
        String health = "";
        int port = 0;
        long offset = 0;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            Object v = fields.get(i + 1);
            switch (String.valueOf(fields.get(i))) {
                case "id" -> id = String.valueOf(v);
                case "ip" -> ip = String.valueOf(v);
                case "hostname" -> hostname = String.valueOf(v).isEmpty() ? null : String.valueOf(v);
                case "port", "tls-port" -> port = port == 0 ? toInt(v) : port;
                case "role" -> role = String.valueOf(v);
                case "replication-offset" -> offset = Long.parseLong(String.valueOf(v));
                case "health" -> health = String.valueOf(v);
                default -> {
                    // endpoint, ... : not needed; CLUSTER SHARDS may grow fields in later versions.
                }
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("CLUSTER SHARDS node without an id: " + fields);
        }
        return new ClusterShard.Member(id, ip, port, hostname, role, offset, health);
    }

    private static List<?> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("CLUSTER SHARDS: expected a list for " + what + ", got " + o);
    }

    private static int toInt(Object o) {
        return Integer.parseInt(String.valueOf(o));
    }
}
