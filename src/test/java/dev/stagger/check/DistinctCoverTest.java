package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Instance;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The distinct-instance search behind {@link WorstCase} when the heaviest moment counts an instance twice. */
class DistinctCoverTest {
    private static final Function<DownSpan, Set<String>> HOSTS = s -> {
        Set<String> out = new TreeSet<>();
        s.instances().stream().map(Instance::host).forEach(out::add);
        return out;
    };

    private static Downtime downtime(Fixture f) {
        var inventory = f.inventory();
        return new Downtime(inventory, new Poset(f.stepGraph()));
    }

    private static Fixture base() {
        return Fixture.graph().host("a0", "dc0").host("a1", "dc1").host("a2", "dc2").app("pool", 2, "a0", "a1", "a2");
    }

    @Test
    void findsTwoDistinctInstancesBehindAHeavierDuplicate() {
        Downtime d = downtime(base().maintain("m2", "a2").stop("s1", "a1", "m2").maintain("m1", "a1"));
        DistinctCover.Result r = DistinctCover.find(d.spans(), HOSTS, d.poset(), 2);
        assertThat(r).isNotNull();
        assertThat(r.proven()).isTrue();
        Set<String> hosts = new TreeSet<>();
        r.spans().forEach(s -> hosts.addAll(HOSTS.apply(s)));
        assertThat(hosts).containsExactly("a1", "a2");
    }

    @Test
    void provesThatOnlyOneInstanceIsEverDownWhenStepsAreOrdered() {
        Downtime d = downtime(base().maintain("m2", "a2").stop("s1", "a1", "m2").maintain("m1", "a1", "m2"));
        assertThat(DistinctCover.find(d.spans(), HOSTS, d.poset(), 2)).isNull();
    }

    @Test
    void outOfBudgetIsAnUnprovenAnswerNotASafeOne() {
        Downtime d = downtime(base().maintain("m2", "a2").stop("s1", "a1", "m2").maintain("m1", "a1", "m2"));
        DistinctCover.Result r = DistinctCover.find(d.spans(), HOSTS, d.poset(), 2, 0);
        assertThat(r).isNotNull();
        assertThat(r.proven()).isFalse();
    }
}
