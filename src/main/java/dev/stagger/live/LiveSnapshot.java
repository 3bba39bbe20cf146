package dev.stagger.live;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import dev.stagger.model.RedisService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything probed at one moment, per instance: Redis (ROLE + INFO), sentinels, app health.
 * Instances that were not probed are absent; probed ones that did not answer are present and unhealthy.
 */
public final class LiveSnapshot {
    private final Instant at;
    private final Map<Instance, RedisProbe> redis;
    private final Map<Instance, SentinelProbe> sentinels;
    private final Map<Instance, AppProbe> apps;

    public LiveSnapshot(Instant at, Map<Instance, RedisProbe> redis, Map<Instance, SentinelProbe> sentinels,
                        Map<Instance, AppProbe> apps) {
        this.at = at;
        this.redis = Collections.unmodifiableMap(new TreeMap<>(redis));
        this.sentinels = Collections.unmodifiableMap(new TreeMap<>(sentinels));
        this.apps = Collections.unmodifiableMap(new TreeMap<>(apps));
    }

    public Instant at() {
        return at;
    }

    public Map<Instance, RedisProbe> redis() {
        return redis;
    }

    public Map<Instance, SentinelProbe> sentinels() {
        return sentinels;
    }

    public Map<Instance, AppProbe> apps() {
        return apps;
    }

    public Optional<RedisProbe> redis(Instance i) {
        return Optional.ofNullable(redis.get(i));
    }

    public Optional<SentinelProbe> sentinel(Instance i) {
        return Optional.ofNullable(sentinels.get(i));
    }

    public Optional<AppProbe> app(Instance i) {
        return Optional.ofNullable(apps.get(i));
    }

    public boolean wasProbed(Instance i) {
        return redis.containsKey(i) || sentinels.containsKey(i) || apps.containsKey(i);
    }

    /** Answered its probe (and, for Redis, is not loading; for apps, is healthy). */
    public boolean healthy(Instance i) {
        if (redis.containsKey(i)) {
            return redis.get(i).healthy();
        }
        if (sentinels.containsKey(i)) {
            return sentinels.get(i).reachable();
        }
        return apps.containsKey(i) && apps.get(i).healthy();
    }

    /** Run step 5's readiness: healthy, and a Redis replica linked and not syncing. */
    public boolean ready(Instance i) {
        if (redis.containsKey(i)) {
            return redis.get(i).ready();
        }
        return healthy(i);
    }

    /**
     * {@link #ready} for an instance of a Redis group, and not a second master: an instance that
     * restarts with a stale config comes back as master next to the real one (split-brain, and
     * often empty), which answers PING but must not count as back in service.
     */
    public boolean readyIn(RedisService service, Instance i) {
        if (!ready(i)) {
            return false;
        }
        return !redis(i).map(RedisProbe::isMaster).orElse(false) || liveMasters(service).size() <= 1;
    }

    /** Why an instance is not healthy ("not probed" when absent), or null when it is. */
    public String reason(Instance i) {
        if (redis.containsKey(i)) {
            RedisProbe p = redis.get(i);
            return p.healthy() ? null : p.reason();
        }
        if (sentinels.containsKey(i)) {
            return sentinels.get(i).reachable() ? null : sentinels.get(i).reason();
        }
        if (apps.containsKey(i)) {
            return apps.get(i).healthy() ? null : apps.get(i).reason();
        }
        return "not probed";
    }

    /** Every instance of the group that says {@code role:master} right now (more than one is split-brain). */
    public List<Endpoint> liveMasters(RedisService service) {
        List<Endpoint> out = new ArrayList<>();
        for (Endpoint e : service.instances()) {
            RedisProbe p = redis.get(new Instance(service.name(), e));
            if (p != null && p.isMaster()) {
                out.add(e);
            }
        }
        return out;
    }

    /** The one live master of a group, if exactly one instance reports role:master. */
    public Optional<Endpoint> liveMaster(RedisService service) {
        List<Endpoint> m = liveMasters(service);
        return m.size() == 1 ? Optional.of(m.get(0)) : Optional.empty();
    }
}
