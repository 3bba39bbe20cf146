package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.MinHealthy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed-000 incident as model records: the plan as it was run, and the safe one. */
class Seed000Test {

    static Fixture cluster(Fixture f) {
        return f.host("app1", "dc1").host("app2", "dc2").host("arb3", "dc3").maxDownDcs(1)
                .app("api", new MinHealthy(1, false), List.of("cache"), "app1", "app2")
                .redis("cache", "app1:6379", "watchers", "app1:6379", "app2:6379")
                .sentinels("watchers", 2, "app1:26379", "app2:26379", "arb3:26379");
    }

    @Test
    void theIncidentBreaksEveryRuleItBroke() {
        Fixture f = cluster(Fixture.graph()).maintain("dc1-drives", "app1").maintain("dc2-drives", "app2");
        assertThat(f.errors()).containsExactlyInAnyOrder(
                "min-healthy", "master-down", "failover-quorum", "requires", "overlap", "max-down-dcs");
        List<Diagnostic> d = f.check();
        Diagnostic min = d.stream().filter(x -> x.rule().equals("min-healthy")).findFirst().orElseThrow();
        assertThat(min.message()).startsWith("dc1-drives and dc2-drives may overlap and together take down 2 of 2 api instances (min_healthy 1)");
        assertThat(min.fix()).isEqualTo("order dc2-drives after dc1-drives");
        assertThat(min.steps()).containsExactly("dc1-drives", "dc2-drives");
        assertThat(min.position().line()).isEqualTo(11);
        Diagnostic master = d.stream().filter(x -> x.rule().equals("master-down")).findFirst().orElseThrow();
        assertThat(master.message()).isEqualTo("dc1-drives takes down app1:6379, the master of cache, and no earlier failover moves it");
        assertThat(master.fix()).isEqualTo("add a step `failover: cache` with `to: app2:6379` ordered before dc1-drives");
        assertThat(master.steps()).containsExactly("dc1-drives");
    }

    @Test
    void theSafePlanPasses() {
        Fixture f = cluster(Fixture.sequence()).maintain("dc2-drives", "app2")
                .failover("move-cache-master", "cache", "app2:6379").maintain("dc1-drives", "app1");
        assertThat(f.check()).isEmpty();
    }

    @Test
    void diagnosticsAreOrderedByStepThenRule() {
        List<Diagnostic> d = cluster(Fixture.graph()).maintain("dc1-drives", "app1").maintain("dc2-drives", "app2").check();
        assertThat(d).extracting(Diagnostic::rule).containsExactly(
                "master-down", "min-healthy", "failover-quorum", "requires", "overlap", "max-down-dcs");
    }
}
