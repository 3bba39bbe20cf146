package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fix of a cluster-dc-majority warning: the failovers of a placement that spreads, or that the layout cannot. */
class ClusterDcMajorityFixTest {

    @Test
    void shardsLivingInTwoOfThreeDcsCannotSpreadAndTheFixSaysToChangeTheLayout() {
        // dc3 exists (an app lives there), but no shard has an instance in it: one of dc1/dc2 holds 2 of 3 masters.
        Diagnostic d = warning(Fixture.sequence().host("r1", "dc1").host("r2", "dc2").host("a3", "dc3")
                .app("api", 0, "a3")
                .cluster("sessions", List.of(List.of("r1:7000", "r2:7000"), List.of("r1:7001", "r2:7001"),
                        List.of("r2:7002", "r1:7002"))));
        assertThat(d.message()).contains("dc1 holds 2 of the 3 masters");
        assertThat(d.fix()).contains("this layout cannot avoid it").contains("2 DCs: dc1, dc2")
                .contains("give the shards replicas in more DCs").contains("# stagger: allow cluster-dc-majority -- REASON");
    }

    @Test
    void whenNoSingleFailoverSpreadsThemTheFixGivesEveryFailoverOfAPlacementThatDoes() {
        // All three masters in dc1; each shard has a replica in dc2 or dc3: two failovers are needed.
        Diagnostic d = warning(Fixture.sequence().host("r1", "dc1").host("r2", "dc2").host("r3", "dc3")
                .cluster("sessions", List.of(List.of("r1:7000", "r2:7000"), List.of("r1:7001", "r3:7001"),
                        List.of("r1:7002", "r2:7002", "r3:7002"))));
        assertThat(d.fix()).startsWith("spread the masters: ").contains("(then no DC holds half of them)");
        assertThat(d.fix().split("`failover: sessions`", -1)).as(d.fix()).hasSize(3);
    }

    @Test
    void theFixListsTheFewestFailoversThatSpreadTheMasters() {
        // Three of four masters in dc1, every shard on all four DCs: two failovers suffice (dc1 keeps
        // one), while a placement chosen without counting moves may move all four masters.
        List<String> dcs = List.of("dc1", "dc2", "dc3", "dc4");
        Fixture f = Fixture.sequence();
        for (int h = 1; h <= 4; h++) {
            f.host("r" + h, dcs.get(h - 1));
        }
        Diagnostic d = warning(f.cluster("sessions", List.of(shard(7000, 1), shard(7001, 1), shard(7002, 1), shard(7003, 2))));
        assertThat(d.message()).contains("dc1 holds 3 of the 4 masters");
        assertThat(d.fix().split("`failover: sessions`", -1)).as(d.fix()).hasSize(3);
    }

    /** A shard on r1..r4 at {@code port}, its master on r{@code master}. */
    private static List<String> shard(int port, int master) {
        List<String> members = new java.util.ArrayList<>();
        members.add("r" + master + ":" + port);
        for (int h = 1; h <= 4; h++) {
            if (h != master) {
                members.add("r" + h + ":" + port);
            }
        }
        return members;
    }

    private static Diagnostic warning(Fixture f) {
        List<Diagnostic> found = f.maintain("noop", "r1").check().stream()
                .filter(x -> x.rule().equals("cluster-dc-majority")).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
