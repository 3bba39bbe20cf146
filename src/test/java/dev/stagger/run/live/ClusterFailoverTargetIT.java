package dev.stagger.run.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagger.lab.RedisNode;
import dev.stagger.lab.cluster.ClusterLab;
import dev.stagger.live.LiveProber;
import dev.stagger.live.ProbeSettings;
import dev.stagger.live.cluster.ClusterFailoverSettings;
import dev.stagger.live.failover.FailoverSettings;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.Position;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.run.RunFailure;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A shard failover written without {@code to:} on a real Redis Cluster: run chooses the shard's
 * linked replica, but never one that a step running at the same time has down (with
 * {@code --max-parallel 2} and more, another step may be stopping that replica's host right now).
 */
class ClusterFailoverTargetIT {
    @Test
    void aShardFailoverWithoutToNeverPromotesAReplicaAnotherStepHasDown() {
        try (ClusterLab lab = ClusterLab.start()) {
            Inventory inventory = InventoryLoader.load(lab.inventory());
            LiveFailover live = new LiveFailover(inventory, new LiveProber(ProbeSettings.DEFAULT),
                    FailoverSettings.DEFAULTS, ClusterFailoverSettings.DEFAULT);
            RedisNode master = lab.node(0);
            RedisNode replica = lab.node(3);
            StepAction.Failover f = new StepAction.Failover(ClusterLab.SERVICE, null, endpoint(master));
            Step step = new Step("failover-r1", f, List.of(), Hooks.NONE, null, null, null, null,
                    new Position("plan.yaml", 1, 5));

            assertThat(live.target(step, f, Set.of())).isEqualTo(endpoint(replica));
            // Another step has the replica down: the shard has no other replica, so nothing to promote.
            Instance down = new Instance(ClusterLab.SERVICE, endpoint(replica));
            assertThatThrownBy(() -> live.target(step, f, Set.of(down)))
                    .isInstanceOf(RunFailure.class)
                    .hasMessageContaining("no replica of shard " + endpoint(master))
                    .hasMessageContaining("outside what other steps have down now (" + down + ")");
            // What other steps have down elsewhere does not matter to this shard.
            Instance elsewhere = new Instance(ClusterLab.SERVICE, endpoint(lab.node(4)));
            assertThat(live.target(step, f, Set.of(elsewhere))).isEqualTo(endpoint(replica));
        }
    }

    private static Endpoint endpoint(RedisNode n) {
        return Endpoint.of(n.host(), n.port());
    }
}
