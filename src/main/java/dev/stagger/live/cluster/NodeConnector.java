package dev.stagger.live.cluster;

import dev.stagger.live.redis.GuardedJedis;
import dev.stagger.live.redis.ClientConfigs;
import dev.stagger.live.redis.Credentials;
import dev.stagger.model.Auth;
import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;

/**
 * Opens connections to cluster nodes with the service's auth. The password is read at connect
 * time and handed to Jedis only; messages name its source, never its value.
 */
public final class NodeConnector {
    private final Auth auth;
    private final Duration timeout;
    private final UnaryOperator<String> env;

    /** @param env where {@code password_env} names are looked up (System::getenv outside tests) */
    public NodeConnector(Auth auth, Duration timeout, UnaryOperator<String> env) {
        this.auth = auth == null ? Auth.NONE : auth;
        this.timeout = timeout;
        this.env = env;
    }

    public static NodeConnector of(Auth auth, Duration timeout) {
        return new NodeConnector(auth, timeout, System::getenv);
    }

    public Duration timeout() {
        return timeout;
    }

    /** A connection to {@code ip:port}; the caller closes it. */
    public Jedis open(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        DefaultJedisClientConfig cfg;
        try {
            cfg = ClientConfigs.of(auth, env, timeout, timeout, null);
        } catch (Credentials.Unavailable e) {
            throw new StaggerException(ExitCode.BAD_INPUT, e.getMessage());
        }
        return GuardedJedis.open(host, port, cfg);
    }
}
