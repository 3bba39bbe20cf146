package dev.stagger.live.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code INFO} text into {@link RedisInfo}; missing fields read as 0 / false / null. */
public final class InfoParser {
    private InfoParser() {
    }

    /** Keys over every database ({@code db0:keys=12,expires=0,...}); -1 when INFO had no keyspace section. */
    private static long keys(Map<String, String> f) {
        long total = -1;
        for (Map.Entry<String, String> e : f.entrySet()) {
            if (e.getKey().matches("db\\d+")) {
                for (String part : e.getValue().split(",")) {
                    if (part.startsWith("keys=")) {
                        total = Math.max(total, 0) + Long.parseLong(part.substring("keys=".length()).trim());
                    }
                }
            }
        }
        return total == -1 && f.containsKey("redis_version") ? 0 : total;
    }

    /** The line the prober appends to INFO with the instance's {@code min-replicas-to-write}. */
    public static final String MIN_REPLICAS_TO_WRITE = "stagger_min_replicas_to_write";
    /** The line the prober appends with the instance's {@code min-replicas-max-lag}. */
    public static final String MIN_REPLICAS_MAX_LAG = "stagger_min_replicas_max_lag";
    /** The line the prober appends with a cluster node's {@code cluster-node-timeout}. */
    public static final String CLUSTER_NODE_TIMEOUT = "stagger_cluster_node_timeout";

    public static RedisInfo parse(String info) {
        Map<String, String> f = fields(info);
        boolean master = "master".equals(f.get("role"));
        List<RedisInfo.ReplicaLink> replicas = new ArrayList<>();
        for (int i = 0; f.containsKey("slave" + i); i++) {
            replicas.add(replicaLink(f.get("slave" + i)));
        }
        return new RedisInfo(
                master,
                master ? null : f.get("master_host"),
                (int) num(f, "master_port"),
                master ? null : f.get("master_link_status"),
                flag(f, "master_sync_in_progress"),
                master ? num(f, "master_repl_offset") : num(f, "slave_repl_offset"),
                num(f, "master_repl_offset"),
                List.copyOf(replicas),
                flag(f, "loading"),
                flag(f, "rdb_bgsave_in_progress"),
                flag(f, "aof_rewrite_in_progress"),
                flag(f, "aof_enabled"),
                num(f, "rdb_changes_since_last_save"),
                num(f, "used_memory"),
                num(f, "maxmemory"),
                num(f, "total_system_memory"),
                f.get("redis_version"),
                // Not INFO: the prober adds it from CONFIG GET min-replicas-to-write.
                f.containsKey(MIN_REPLICAS_TO_WRITE) ? (int) num(f, MIN_REPLICAS_TO_WRITE) : -1,
                keys(f),
                f.containsKey("connected_clients") ? (int) num(f, "connected_clients") : -1,
                flag(f, "repl_backlog_active"),
                f.containsKey("repl_backlog_first_byte_offset") ? num(f, "repl_backlog_first_byte_offset") : -1,
                // Not INFO either: CONFIG GET min-replicas-max-lag and cluster-node-timeout.
                f.containsKey(MIN_REPLICAS_MAX_LAG) ? (int) num(f, MIN_REPLICAS_MAX_LAG) : -1,
                f.get("maxmemory_policy"),
                f.containsKey("latest_fork_usec") ? num(f, "latest_fork_usec") : -1,
                f.containsKey(CLUSTER_NODE_TIMEOUT) ? num(f, CLUSTER_NODE_TIMEOUT) : -1,
                f.get("master_replid"),
                f.get("master_replid2"),
                f.containsKey("second_repl_offset") ? num(f, "second_repl_offset") : -1);
    }

    /** {@code key:value} lines of any INFO-style text (INFO, CLUSTER INFO); section headers and blank lines skipped. */
    public static Map<String, String> fields(String info) {
        Map<String, String> out = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** {@code ip=127.0.0.1,port=6380,state=online,offset=42,lag=0}. */
    static RedisInfo.ReplicaLink replicaLink(String value) {
        Map<String, String> kv = new HashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return new RedisInfo.ReplicaLink(kv.get("ip"), (int) num(kv, "port"), kv.get("state"),
                num(kv, "offset"), num(kv, "lag"));
    }

    private static long num(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean flag(Map<String, String> f, String key) {
        return "1".equals(f.get(key));
    }
}
