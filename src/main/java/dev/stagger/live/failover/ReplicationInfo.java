package dev.stagger.live.failover;

import dev.stagger.live.redis.InfoParser;
import java.util.Collections;
import java.util.Map;

/** The fields of {@code INFO replication} (and any other INFO section) a failover reads. */
final class ReplicationInfo {
    private final Map<String, String> fields;

    private ReplicationInfo(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static ReplicationInfo parse(String info) {
        return new ReplicationInfo(InfoParser.fields(info));
    }

    public String get(String field) {
        return fields.get(field);
    }

    public boolean isMaster() {
        return "master".equals(fields.get("role"));
    }

    /** The master's offset: everything it has written to its replication stream. */
    public long masterReplOffset() {
        return number("master_repl_offset");
    }

    /** A replica's offset: how much of its master's stream it has processed (-1 when unknown). */
    public long replicaOffset() {
        String v = fields.get("slave_repl_offset");
        return v == null ? -1 : Long.parseLong(v);
    }

    public boolean linkUp() {
        return "up".equals(fields.get("master_link_status"));
    }

    public boolean syncInProgress() {
        return "1".equals(fields.get("master_sync_in_progress"));
    }

    /** {@code no-failover}, {@code waiting-for-sync} or {@code failover-in-progress} (Redis 6.2+), or null. */
    public String failoverState() {
        return fields.get("master_failover_state");
    }

    private long number(String field) {
        String v = fields.get(field);
        if (v == null) {
            throw new IllegalStateException("INFO has no " + field);
        }
        return Long.parseLong(v);
    }

    /** Compares dotted versions such as {@code 6.2.7} with {@code 6.2}: true when at least {@code min}. */
    public static boolean versionAtLeast(String version, int major, int minor) {
        if (version == null) {
            return false;
        }
        String[] parts = version.split("\\.");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma > major || (ma == major && mi >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
