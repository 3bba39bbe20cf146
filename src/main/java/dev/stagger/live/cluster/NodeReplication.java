package dev.stagger.live.cluster;

import dev.stagger.live.redis.InfoParser;
import dev.stagger.live.redis.RedisInfo;
import java.util.Map;

/**
 * A node's own account of replication (INFO replication): for a replica, whether its link is up and
 * how far it has read; for a master, how far it has written.
 *
 * @param offset {@code master_repl_offset} for a master, {@code slave_repl_offset} for a replica
 */
public record NodeReplication(
        String role,
        String masterHost,
        int masterPort,
        boolean linkUp,
        boolean syncInProgress,
        long offset) {

    public static NodeReplication parse(String info) {
        Map<String, String> kv = InfoParser.fields(info);
        String role = kv.getOrDefault("role", "unknown");
        boolean replica = "slave".equals(role);
        long offset = Long.parseLong(kv.getOrDefault(replica ? "slave_repl_offset" : "master_repl_offset", "0"));
        return new NodeReplication(replica ? "replica" : role,
                kv.get("master_host"),
                Integer.parseInt(kv.getOrDefault("master_port", "0")),
                "up".equals(kv.get("master_link_status")),
                "1".equals(kv.get("master_sync_in_progress")),
                offset);
    }

    /** The same fields from a full INFO the live probe already read. */
    public static NodeReplication of(RedisInfo info) {
        return new NodeReplication(info.master() ? "master" : "replica", info.masterHost(), info.masterPort(),
                info.linkUp(), info.masterSyncInProgress(), info.replOffset());
    }

    public boolean isReplica() {
        return "replica".equals(role);
    }

    public boolean isMaster() {
        return "master".equals(role);
    }
}
