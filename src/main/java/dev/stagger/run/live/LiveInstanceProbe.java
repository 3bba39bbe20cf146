package dev.stagger.run.live;

import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisService;
import dev.stagger.run.InstanceProbe;
import java.util.List;
import java.util.Optional;

/**
 * One instance probed afresh for each question. Down means it stopped answering (a refused or
 * timed-out connection, an unhealthy health URL); ready is run step 5 (PING answered, not loading,
 * a replica linked and not syncing; an app's health URL 2xx). A probe that fails is "not ready".
 */
final class LiveInstanceProbe implements InstanceProbe {
    private final Inventory inventory;
    private final LiveProber prober;
    private final LiveWriteCheck writeCheck;

    LiveInstanceProbe(Inventory inventory, LiveProber prober) {
        this.inventory = inventory;
        this.prober = prober;
        this.writeCheck = new LiveWriteCheck(inventory, prober.settings());
    }

    @Override
    public boolean isDown(Instance instance) {
        LiveSnapshot s = probe(instance);
        if (s == null) {
            return true;
        }
        return s.redis(instance).map(p -> !p.reachable())
                .or(() -> s.sentinel(instance).map(p -> !p.reachable()))
                .orElseGet(() -> !s.healthy(instance));
    }

    @Override
    public boolean isReady(Instance instance) {
        LiveSnapshot s = probe(instance);
        if (s == null || !s.ready(instance)) {
            return false;
        }
        if (inventory.service(instance.service()).orElse(null) instanceof RedisService r
                && s.redis(instance).map(p -> p.isMaster()).orElse(false)) {
            // A master is ready only as the group's one master (see LiveSnapshot#readyIn).
            LiveSnapshot group = probe(r.instances().stream().map(e -> new Instance(r.name(), e)).toList());
            return group != null && group.readyIn(r, instance);
        }
        return true;
    }

    /** An app says what its health check answered (HTTP code, connection refused, timed out). */
    @Override
    public Optional<String> whyUnhealthy(Instance instance) {
        LiveSnapshot s = probe(instance);
        if (s == null) {
            return Optional.of("could not be probed");
        }
        if (s.app(instance).isPresent()) {
            return s.app(instance).filter(p -> !p.healthy())
                    .map(p -> p.reason() == null ? "unhealthy" : p.reason());
        }
        return isReady(instance) ? Optional.empty() : Optional.of(s.reason(instance) == null ? "not ready" : s.reason(instance));
    }

    /** An app's {@code write_check}: its URL answered 2xx, or its command exited 0. */
    @Override
    public Optional<String> whyCannotWrite(Instance instance) {
        return writeCheck.whyCannotWrite(instance);
    }

    private LiveSnapshot probe(Instance instance) {
        return probe(List.of(instance));
    }

    private LiveSnapshot probe(List<Instance> instances) {
        try {
            return prober.probe(inventory, instances);
        } catch (RuntimeException e) {
            // A probe that fails means unhealthy (and, for the down check, not answering).
            return null;
        }
    }
}
