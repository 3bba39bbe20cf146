package dev.stagger.live;

import dev.stagger.live.cluster.ClusterView;
import dev.stagger.live.redis.RedisInfo;
import dev.stagger.model.Instance;

/**
 * One Redis instance at one moment. Unreachable (refused, timed out, auth failed) and loading
 * both mean "not healthy"; {@code role} and {@code info} are null unless it answered.
 *
 * @param address the {@code address:port} probed
 * @param reason  why it is not healthy, or null
 * @param cluster a Redis Cluster node's own CLUSTER NODES and CLUSTER INFO (its replication map
 *                empty); null for other instances or when it did not answer them
 */
public record RedisProbe(Instance instance, String address, boolean reachable, boolean loading, String reason,
                         RoleReply role, RedisInfo info, ClusterView cluster) {

    /** An instance outside any Redis Cluster. */
    public RedisProbe(Instance instance, String address, boolean reachable, boolean loading, String reason,
                      RoleReply role, RedisInfo info) {
        this(instance, address, reachable, loading, reason, role, info, null);
    }

    static RedisProbe unreachable(Instance instance, String address, String reason) {
        return new RedisProbe(instance, address, false, false, reason, null, null, null);
    }

    /** How {@link #reason} starts when the instance answered but refused stagger's credentials. */
    static final String AUTH_FAILED = "authentication failed";

    /**
     * A credentials problem, not a host that is down: it refused the credentials, or stagger has
     * none to give (the password_env is not set, the password_file cannot be read).
     */
    public boolean authFailed() {
        return !reachable && reason != null && (reason.startsWith(AUTH_FAILED) || reason.startsWith("password_env ")
                || reason.startsWith("cannot read password_file "));
    }

    /** The live rule a probe that is not healthy breaks: {@code auth} when it refused the credentials, else {@code unreachable}. */
    public String failureRule() {
        return authFailed() ? "auth" : "unreachable";
    }

    /** What to do about an instance that is not healthy, on host {@code host}. */
    public String failureFix(String host) {
        if (authFailed()) {
            return "give stagger the credentials " + instance + " expects (the service's `auth:` password_env or password_file,"
                    + " and user), then re-run; the host need not be down";
        }
        return "bring " + instance + " back (or mark host " + host + " `state: down` if it is down on purpose), then re-run";
    }

    /** Answered and not loading its dataset. */
    public boolean healthy() {
        return reachable && !loading;
    }

    public boolean isMaster() {
        return healthy() && role != null && role.isMaster();
    }

    public boolean isReplica() {
        return healthy() && role != null && role.isReplica();
    }

    /**
     * Ready in the sense of run step 5: answers, not loading, and a replica is linked and not syncing.
     * A master is ready once it answers.
     */
    public boolean ready() {
        if (!healthy()) {
            return false;
        }
        if (role != null && role.isReplica()) {
            return info != null && info.linkUp() && !info.masterSyncInProgress();
        }
        return true;
    }

    /** One word for tables: master, replica, loading, unreachable. */
    public String roleLabel() {
        if (authFailed()) {
            return "auth failed";
        }
        if (!reachable) {
            return "unreachable";
        }
        if (loading) {
            return "loading";
        }
        return role == null ? "?" : role.isReplica() ? "replica" : role.role();
    }
}
