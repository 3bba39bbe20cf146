package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.live.Fixture.Snap;
import dev.stagger.model.RedisService;
import org.junit.jupiter.api.Test;

/** Run step 5 for a Redis group: a restarted instance that came back as a second master is not ready. */
class ReadinessTest {
    private final RedisService cache = (RedisService) Fixture.inventory().service("cache").orElseThrow();

    @Test
    void theOneMasterIsReady() {
        LiveSnapshot s = Snap.healthy().build();
        assertThat(s.readyIn(cache, Fixture.cache("app1"))).isTrue();
        assertThat(s.readyIn(cache, Fixture.cache("app2"))).isTrue();
    }

    @Test
    void aSecondMasterIsNotReadyThoughItAnswers() {
        LiveSnapshot s = Snap.healthy().master("app2", 0).build();
        assertThat(s.ready(Fixture.cache("app2"))).isTrue();
        assertThat(s.readyIn(cache, Fixture.cache("app2"))).isFalse();
    }

    @Test
    void aReplicaStillSyncingIsNotReady() {
        LiveSnapshot s = Snap.healthy().replica("app2", "app1", 0, "master_sync_in_progress:1").build();
        assertThat(s.readyIn(cache, Fixture.cache("app2"))).isFalse();
    }
}
