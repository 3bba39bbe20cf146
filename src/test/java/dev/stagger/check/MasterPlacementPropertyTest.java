package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cheapest spread placement against every placement there is: on random small clusters (1 to
 * 7 shards, each reaching 1 to 5 DCs, each DC costing 0 to 2), it exists exactly when some placement
 * leaves no DC with half or more of the masters, and then costs what the best of them costs. The
 * planner counts the failovers it adds by this cost, so "the fewest failovers" rests on it.
 */
class MasterPlacementPropertyTest {
    private static final List<String> DCS = List.of("dc1", "dc2", "dc3", "dc4", "dc5");

    /** Per shard: DC to cost; DCs drawn from the first 2 to 5, so that some clusters cannot spread. */
    static final Gen<List<Map<String, Integer>>> CLUSTERS = r -> {
        int shards = Gen.ints(1, 7).next(r);
        int dcs = Gen.ints(2, 5).next(r);
        List<Map<String, Integer>> out = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            Map<String, Integer> costs = new TreeMap<>();
            int reach = Gen.ints(1, dcs).next(r);
            while (costs.size() < reach) {
                costs.put(DCS.get(r.nextInt(dcs)), Gen.ints(0, 2).next(r));
            }
            out.add(costs);
        }
        return List.copyOf(out);
    };

    static Stream<Arguments> clusters() {
        return Samples.of("clusters", 400, CLUSTERS);
    }

    @Property
    @MethodSource("clusters")
    void theCheapestPlacementIsTheBestOfAllPlacements(List<Map<String, Integer>> costs) {
        Optional<List<String>> found = MasterPlacement.cheapest(costs);
        Integer best = bruteForce(costs, 0, new ArrayList<>());
        if (best == null) {
            assertThat(found).as("no placement spreads these masters").isEmpty();
            return;
        }
        assertThat(found).as("a placement costing %d exists", best).isPresent();
        List<String> placed = found.get();
        int total = 0;
        for (int s = 0; s < costs.size(); s++) {
            assertThat(costs.get(s)).as("shard %d's master on one of its own DCs", s).containsKey(placed.get(s));
            total += costs.get(s).get(placed.get(s));
        }
        assertThat(spread(placed)).as("no DC holds half or more of %s", placed).isTrue();
        assertThat(total).as("cost of %s", placed).isEqualTo(best);
    }

    /** The least cost over every spread placement of the shards from {@code s} on, or null when none. */
    private static Integer bruteForce(List<Map<String, Integer>> costs, int s, List<String> placed) {
        if (s == costs.size()) {
            return spread(placed) ? 0 : null;
        }
        Integer best = null;
        for (Map.Entry<String, Integer> e : costs.get(s).entrySet()) {
            placed.add(e.getKey());
            Integer rest = bruteForce(costs, s + 1, placed);
            placed.remove(placed.size() - 1);
            if (rest != null && (best == null || rest + e.getValue() < best)) {
                best = rest + e.getValue();
            }
        }
        return best;
    }

    private static boolean spread(List<String> placed) {
        Map<String, Integer> count = new HashMap<>();
        placed.forEach(dc -> count.merge(dc, 1, Integer::sum));
        return count.values().stream().allMatch(n -> 2 * n < placed.size());
    }
}
