package dev.stagger.live.failover;

import dev.stagger.live.redis.Addresses;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import dev.stagger.model.SentinelService;
import dev.stagger.model.Service;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The entry point of a planned failover: moves the master of a Redis group to a chosen replica,
 * through its sentinels when it has some ({@code SENTINEL FAILOVER}, steered) and with
 * {@code FAILOVER TO} otherwise, and returns only once the result is verified.
 *
 * <p>It throws {@link FailoverException}: a refusal (exit 1) when it changed nothing, a failure
 * (exit 3) when the cluster was touched and did not reach the verified state. Either way, temporary
 * settings (replica priorities, the write pause) are put back before it returns.
 */
public final class Failovers {
    private Failovers() {
    }

    /**
     * @param currentMaster the instance that is master now (as read from ROLE by the caller's probes)
     * @param target        the replica to promote
     * @param progress      receives one line per action and per wait (what, and how much longer)
     */
    public static FailoverOutcome perform(Inventory inventory, RedisService service, Endpoint currentMaster,
                                          Endpoint target, FailoverSettings settings, Consumer<String> progress) {
        Objects.requireNonNull(settings, "settings");
        Consumer<String> out = progress == null ? line -> { } : progress;
        if (!service.instances().contains(currentMaster) || !service.instances().contains(target)) {
            throw FailoverException.refused("the master " + currentMaster + " and the target " + target
                    + " must both be instances of " + service.name() + " " + service.instances());
        }
        if (currentMaster.equals(target)) {
            throw FailoverException.refused(target + " is already the master of " + service.name());
        }
        SentinelService sentinels = sentinelsOf(inventory, service);
        FailoverContext ctx = new FailoverContext(service, sentinels, currentMaster, target, settings,
                new Addresses(inventory), out);
        try {
            return sentinels != null ? new SentinelFailover(ctx).perform() : new CommandFailover(ctx).perform();
        } catch (NodeUnavailable e) {
            // An instance lost outside any wait: harmless before the first change, not after it.
            if (!ctx.changed()) {
                throw FailoverException.refused(e.getMessage() + "; check that it runs and that the inventory's "
                        + "address and credentials are right");
            }
            throw FailoverException.failed(e.getMessage() + "; check `stagger status` for the group's roles", e);
        }
    }

    /** Same, with {@link FailoverSettings#DEFAULTS}. */
    public static FailoverOutcome perform(Inventory inventory, RedisService service, Endpoint currentMaster,
                                          Endpoint target, Consumer<String> progress) {
        return perform(inventory, service, currentMaster, target, FailoverSettings.DEFAULTS, progress);
    }

    private static SentinelService sentinelsOf(Inventory inventory, RedisService service) {
        if (service.sentinel() == null) {
            return null;
        }
        Service s = inventory.service(service.sentinel()).orElse(null);
        if (s instanceof SentinelService sentinels) {
            return sentinels;
        }
        throw FailoverException.refused(service.name() + " names sentinel group " + service.sentinel()
                + ", which is not a sentinel service of the inventory");
    }
}
