package dev.stagger.run.live;

import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.run.InstanceProbe;
import java.util.List;

/**
 * One instance probed afresh for each question. Down means it stopped answering (a refused or
 * timed-out connection, an unhealthy health URL); ready is run step 5 (PING answered, not loading,
 * a replica linked and not syncing; an app's health URL 2xx). A probe that fails is "not ready".
 */
final class LiveInstanceProbe implements InstanceProbe {
    private final Inventory inventory;
    private final LiveProber prober;

    LiveInstanceProbe(Inventory inventory, LiveProber prober) {
        this.inventory = inventory;
        this.prober = prober;
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
        return s != null && s.ready(instance);
    }

    private LiveSnapshot probe(Instance instance) {
        try {
            return prober.probe(inventory, List.of(instance));
        } catch (RuntimeException e) {
            // A probe that fails means unhealthy (and, for the down check, not answering).
            return null;
        }
    }
}
