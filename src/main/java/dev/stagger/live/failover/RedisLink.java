package dev.stagger.live.failover;

import dev.stagger.live.redis.GuardedJedis;
import dev.stagger.live.RoleReply;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ClientKillParams;
import redis.clients.jedis.params.SetParams;

/**
 * One connection to a Redis or a sentinel, named as the inventory names it. It reconnects once when
 * the connection was dropped (sentinels kill client connections of the instances they reconfigure),
 * but only for commands that are safe to repeat. Every failure becomes a {@link NodeUnavailable}
 * whose message names the instance.
 */
final class RedisLink implements AutoCloseable {
    private final String label;
    private final NodeAddress address;
    private final DefaultJedisClientConfig config;
    private Jedis jedis;

    RedisLink(String label, NodeAddress address, DefaultJedisClientConfig config) {
        this.label = label;
        this.address = address;
        this.config = config;
    }

    String label() {
        return label;
    }

    NodeAddress address() {
        return address;
    }

    RoleReply role() {
        return call("ROLE", j -> RoleReply.parse(j.role()));
    }

    ReplicationInfo replication() {
        return call("INFO replication", j -> ReplicationInfo.parse(j.info("replication")));
    }

    String version() {
        return call("INFO server", j -> ReplicationInfo.parse(j.info("server")).get("redis_version"));
    }

    /** A config value, or empty when the server does not know the parameter (an older name). */
    Optional<String> configGet(String name) {
        Map<String, String> m = call("CONFIG GET " + name, j -> j.configGet(name));
        return Optional.ofNullable(m.get(name));
    }

    void configSet(String name, String value) {
        call("CONFIG SET " + name, j -> j.configSet(name, value));
    }

    void configRewrite() {
        call("CONFIG REWRITE", Jedis::configRewrite);
    }

    /** Blocks client writes (and WAIT) for at most {@code ms}; the server lifts it by itself after that. */
    void pauseWrites(long ms) {
        call("CLIENT PAUSE WRITE", j -> j.clientPause(ms, ClientPauseMode.WRITE));
    }

    void unpause() {
        call("CLIENT UNPAUSE", Jedis::clientUnpause);
    }

    /**
     * {@code CLIENT KILL TYPE normal} (never this connection): pooled application clients drop their
     * connections to a demoted master at once and look for the new one, instead of each finding out
     * through a {@code READONLY} error on its next write.
     */
    long killNormalClients() {
        return call("CLIENT KILL TYPE normal", j -> j.clientKill(ClientKillParams.clientKillParams()
                .type(ClientType.NORMAL).skipMe(ClientKillParams.SkipMe.YES)));
    }

    void replicaOf(NodeAddress master) {
        call("REPLICAOF " + master, j -> j.replicaof(master.address(), master.port()));
    }

    /**
     * {@code REPLICAOF NO ONE}: promotes a replica. Repeated once on a dropped connection (a second one
     * changes nothing), but never after a timeout: the caller must then find out whether it took effect.
     */
    void replicaOfNoOne() {
        call("REPLICAOF NO ONE", Jedis::replicaofNoOne);
    }

    /** SET with an expiry, then DEL: proof the instance accepts writes. */
    void testWrite(String key, Duration ttl) {
        call("SET " + key, j -> j.set(key, "written by stagger to verify a failover",
                SetParams.setParams().px(ttl.toMillis())));
        call("DEL " + key, j -> j.del(key));
    }

    /** The master address a sentinel believes in, or empty when it does not know the name. */
    Optional<NodeAddress> sentinelMasterAddress(String masterName) {
        List<String> a = call("SENTINEL GET-MASTER-ADDR-BY-NAME " + masterName,
                j -> j.sentinelGetMasterAddrByName(masterName));
        if (a == null || a.size() != 2) {
            return Optional.empty();
        }
        return Optional.of(new NodeAddress(a.get(0), Integer.parseInt(a.get(1))));
    }

    /** {@code SENTINEL MASTER}: the sentinel's fields for the master (flags, failover-state, ...). */
    Map<String, String> sentinelMaster(String masterName) {
        return call("SENTINEL MASTER " + masterName, j -> j.sentinelMaster(masterName));
    }

    /** {@code SENTINEL REPLICAS}: one field map per replica the sentinel knows. */
    List<Map<String, String>> sentinelReplicas(String masterName) {
        return call("SENTINEL REPLICAS " + masterName, j -> j.sentinelReplicas(masterName));
    }

    /** {@code SENTINEL FAILOVER}: not repeated on a dropped connection (a second one would fail over again). */
    void sentinelFailover(String masterName) {
        callOnce("SENTINEL FAILOVER " + masterName, j -> j.sentinelFailover(masterName));
    }

    private <T> T call(String what, Function<Jedis, T> command) {
        try {
            return command.apply(connection());
        } catch (JedisConnectionException dropped) {
            closeQuietly();
            if (causedBy(dropped, SocketTimeoutException.class)) {
                // A slow server is not a dropped connection: asking again would double the wait.
                throw failure(what, dropped);
            }
            return callOnce(what, command);
        } catch (JedisException e) {
            throw failure(what, e);
        }
    }

    private <T> T callOnce(String what, Function<Jedis, T> command) {
        try {
            return command.apply(connection());
        } catch (JedisException e) {
            if (e instanceof JedisConnectionException) {
                closeQuietly();
            }
            throw failure(what, e);
        }
    }

    private NodeUnavailable failure(String what, JedisException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        NodeUnavailable.Kind kind = e instanceof JedisDataException ? NodeUnavailable.Kind.REFUSED
                : neverConnected(e) ? NodeUnavailable.Kind.NOT_CONNECTED : NodeUnavailable.Kind.NO_REPLY;
        return new NodeUnavailable(label + ": " + what + ": " + reason, kind, e);
    }

    private static boolean neverConnected(Throwable e) {
        return causedBy(e, ConnectException.class) || causedBy(e, UnknownHostException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private Jedis connection() {
        if (jedis == null) {
            jedis = GuardedJedis.open(address.address(), address.port(), config);
        }
        return jedis;
    }

    private void closeQuietly() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // the connection is already gone; a new one is opened on the next command
            }
            jedis = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    @Override
    public String toString() {
        return label;
    }
}
