package dev.stagger.lab.failover;

import dev.stagger.lab.RedisNode;
import dev.stagger.lab.SentinelNode;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.HostAndPort;

/** How a lab client finds the master: by asking the sentinels, as Sentinel-aware clients do, or by ROLE. */
public final class MasterFinder {
    private MasterFinder() {
    }

    /** The first sentinel that answers names the master. */
    public static Supplier<HostAndPort> bySentinels(List<SentinelNode> sentinels) {
        return () -> {
            for (SentinelNode s : sentinels) {
                try {
                    String a = s.masterAddress(FailoverLab.MASTER_NAME);
                    if (a != null) {
                        return HostAndPort.from(a);
                    }
                } catch (RuntimeException e) {
                    // try the next sentinel
                }
            }
            throw new IllegalStateException("no sentinel answers");
        };
    }

    /** The first node whose INFO says role:master. */
    public static Supplier<HostAndPort> byRole(List<RedisNode> nodes) {
        return () -> {
            for (RedisNode r : nodes) {
                try {
                    if ("master".equals(r.info("role"))) {
                        return new HostAndPort("127.0.0.1", r.port());
                    }
                } catch (RuntimeException e) {
                    // try the next node
                }
            }
            throw new IllegalStateException("no master answers");
        };
    }
}
