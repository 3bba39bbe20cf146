package dev.stagger.live.failover;

import dev.stagger.live.redis.Addresses;
import dev.stagger.model.Endpoint;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything one failover shares: who is involved, how to reach them, its deadlines, and the record
 * of what it did (actions, for the journal) and what an operator should know (warnings).
 */
final class FailoverContext {
    final RedisService service;
    final SentinelService sentinels;
    final Endpoint oldMaster;
    final Endpoint target;
    final FailoverSettings settings;
    final Addresses addresses;
    final Connector redis;
    final Connector sentinelConnector;
    final Waiter waiter;
    private final Consumer<String> progress;
    private final List<String> actions = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    FailoverContext(RedisService service, SentinelService sentinels, Endpoint oldMaster, Endpoint target,
                    FailoverSettings settings, Addresses addresses, Consumer<String> progress) {
        this.service = service;
        this.sentinels = sentinels;
        this.oldMaster = oldMaster;
        this.target = target;
        this.settings = settings;
        this.addresses = addresses;
        this.progress = progress;
        this.redis = new Connector(addresses, service.auth(), settings);
        this.sentinelConnector = sentinels == null ? null : new Connector(addresses, sentinels.auth(), settings);
        this.waiter = new Waiter(settings.pollInterval(), progress);
    }

    /** Something done to the cluster: journaled and shown. */
    void act(String action) {
        actions.add(action);
        progress.accept(action);
    }

    void say(String message) {
        progress.accept(message);
    }

    void warn(String warning) {
        warnings.add(warning);
        progress.accept("warning: " + warning);
    }

    /**
     * Writes an instance's new role into its config file (CONFIG REWRITE). Without it, a restart (the
     * very next thing a maintenance plan does to the old master) brings the instance back with the
     * role of its stale config: the old master as a second, empty master; the new master as a replica.
     */
    void persistRole(RedisLink link, String who, String role) {
        try {
            link.configRewrite();
            act("CONFIG REWRITE on " + who + " so that it restarts as " + role);
        } catch (NodeUnavailable e) {
            warn("could not persist the new role of " + who + " (CONFIG REWRITE: " + e.getMessage() + "); if it "
                    + "restarts with its old config it comes back as the wrong role: set `replicaof` in its config by hand");
        }
    }

    /** True once anything was done to the cluster: from then on an error is a failure, not a refusal. */
    boolean changed() {
        return !actions.isEmpty();
    }

    List<String> actions() {
        return List.copyOf(actions);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The verified failover: writes stopped being accepted at {@code pausedAt}, the new master took
     * the test write at {@code writable}, and it all began at {@code start} ({@link System#nanoTime}).
     */
    FailoverOutcome outcome(FailoverMethod method, long start, long pausedAt, long writable) {
        return new FailoverOutcome(method, oldMaster, target, actions(), Duration.ofNanos(writable - pausedAt),
                Duration.ofNanos(System.nanoTime() - start), warnings());
    }

    /** The service's instances: the candidates when mapping a reported address back to a name. */
    List<Endpoint> members() {
        return service.instances();
    }

    String describe(String ip, int port) {
        return addresses.describe(ip, port, members());
    }
}
