package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MasterPlacementTest {

    @Test
    void threeShardsOverThreeDcsSpreadOnePerDc() {
        Optional<List<String>> spread = spread(List.of(
                Set.of("dc1", "dc2"), Set.of("dc1", "dc2"), Set.of("dc1", "dc3")));
        assertThat(spread).isPresent();
        assertNoDcHoldsHalf(spread.get());
        assertThat(spread.get().get(2)).as("only shard 3 reaches dc3, and it must: dc1 and dc2 take one each")
                .isEqualTo("dc3");
    }

    @Test
    void enoughDcsOverallIsNotEnoughWhenTheShardsDoNotReachThem() {
        // Three DCs in the inventory, but every shard lives in dc1 and dc2 only: one of them holds two of three.
        assertThat(spread(List.of(Set.of("dc1", "dc2"), Set.of("dc1", "dc2"), Set.of("dc1", "dc2"))))
                .isEmpty();
    }

    @Test
    void anEvenNumberOfMastersOverTwoDcsCannotAvoidHalf() {
        assertThat(spread(List.of(Set.of("dc1", "dc2"), Set.of("dc1", "dc2")))).isEmpty();
        assertThat(spread(List.of(Set.of("dc1")))).as("one master is always half or more").isEmpty();
    }

    @Test
    void aPlacementThatNeedsAShardMovedAsideIsFound() {
        // Greedy in order would put shards 1 and 2 in dc1 and dc2 and leave shard 5 stuck; the augmenting path moves them.
        List<Set<String>> shards = List.of(Set.of("dc1", "dc3"), Set.of("dc2", "dc3"), Set.of("dc1", "dc2"),
                Set.of("dc1", "dc2"), Set.of("dc1", "dc2"));
        Optional<List<String>> spread = spread(shards);
        assertThat(spread).isPresent();
        assertNoDcHoldsHalf(spread.get());
        for (int i = 0; i < shards.size(); i++) {
            assertThat(shards.get(i)).contains(spread.get().get(i));
        }
    }

    /** Any placement that spreads the masters: every DC of a shard costs the same. */
    private static Optional<List<String>> spread(List<Set<String>> dcsOfShard) {
        List<Map<String, Integer>> free = new ArrayList<>();
        for (Set<String> dcs : dcsOfShard) {
            Map<String, Integer> costs = new HashMap<>();
            dcs.forEach(dc -> costs.put(dc, 0));
            free.add(costs);
        }
        return MasterPlacement.cheapest(free);
    }

    private static void assertNoDcHoldsHalf(List<String> dcs) {
        Map<String, Integer> count = new HashMap<>();
        dcs.forEach(dc -> count.merge(dc, 1, Integer::sum));
        assertThat(count.values()).allSatisfy(n -> assertThat(2 * n).isLessThan(dcs.size()));
    }
}
