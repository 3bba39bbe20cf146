package dev.stagger.live.failover;

import dev.stagger.live.redis.Addresses;
import dev.stagger.live.redis.ClientConfigs;
import dev.stagger.live.redis.Credentials;
import dev.stagger.model.Auth;
import dev.stagger.model.Endpoint;

/** Opens {@link RedisLink}s with one service's credentials and the failover's timeouts. */
final class Connector {
    private final Addresses addresses;
    private final Auth auth;
    private final FailoverSettings settings;

    Connector(Addresses addresses, Auth auth, FailoverSettings settings) {
        this.addresses = addresses;
        this.auth = auth == null ? Auth.NONE : auth;
        this.settings = settings;
    }

    RedisLink open(Endpoint e) {
        return open(e.toString(), NodeAddress.of(addresses, e));
    }

    /** A connection to an instance known only by what Redis reported (not in the inventory). */
    RedisLink open(String label, NodeAddress address) {
        // Read per connection: a missing variable or file fails here with its source named.
        try {
            return new RedisLink(label, address, ClientConfigs.of(auth, System::getenv, settings.connectTimeout(),
                    settings.commandTimeout(), "stagger-failover"));
        } catch (Credentials.Unavailable e) {
            throw new NodeUnavailable(e.getMessage());
        }
    }
}
