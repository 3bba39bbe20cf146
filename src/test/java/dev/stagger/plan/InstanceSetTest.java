package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link InstanceSet} holds and orders what the tree set it replaced held, and finds the same members. */
class InstanceSetTest {
    @Test
    void agreesWithATreeSet() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            int n = random.nextInt(seed % 4 == 0 ? 60 : 10);
            Instance[] buffer = new Instance[n];
            Set<Instance> reference = new TreeSet<>();
            for (int k = 0; k < n; k++) {
                buffer[k] = instance(random);
                reference.add(buffer[k]);
            }
            InstanceSet set = InstanceSet.of(buffer, n);
            assertThat(new ArrayList<>(set)).as("seed %d", seed).containsExactlyElementsOf(reference);
            assertThat(set).as("seed %d", seed).isEqualTo(reference);
            for (int probe = 0; probe < 40; probe++) {
                Instance i = instance(random);
                assertThat(set.contains(i)).as("seed %d: %s", seed, i).isEqualTo(reference.contains(i));
            }
            for (Instance i : reference) {
                assertThat(set.contains(new Instance(i.service(), new Endpoint(i.host(), i.endpoint().port()))))
                        .as("seed %d: %s", seed, i).isTrue();
            }
        }
    }

    /** Few services, hosts and ports, so that sets repeat members and probes hit. */
    private static Instance instance(Random random) {
        List<String> services = List.of("api", "cache", "pool1", "web");
        return new Instance(services.get(random.nextInt(services.size())),
                new Endpoint("h" + random.nextInt(6), random.nextBoolean() ? 0 : 6379 + random.nextInt(2)));
    }
}
