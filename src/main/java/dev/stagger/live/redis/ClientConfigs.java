package dev.stagger.live.redis;

import dev.stagger.model.Auth;
import java.time.Duration;
import java.util.function.Function;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;

/**
 * The one way stagger configures a Redis connection: timeouts, TLS, the user and a password read at
 * connect time through {@link Credentials}. Shared by the probes, the failovers and the cluster code,
 * so a credential or timeout rule is written once.
 */
public final class ClientConfigs {
    private ClientConfigs() {
    }

    /**
     * @param env        where {@code password_env} names are looked up
     * @param clientName shown by CLIENT LIST on the server (who is connected), or null
     * @throws Credentials.Unavailable when the password cannot be read
     */
    public static DefaultJedisClientConfig of(Auth auth, Function<String, String> env, Duration connectTimeout,
                                              Duration readTimeout, String clientName) {
        String password = Credentials.password(auth, env);
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(connectTimeout))
                .socketTimeoutMillis(millis(readTimeout))
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .ssl(auth != null && auth.tls());
        if (clientName != null) {
            b.clientName(clientName);
        }
        if (password != null) {
            b.password(password);
            if (auth.user() != null) {
                b.user(auth.user());
            }
        }
        return b.build();
    }

    public static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
