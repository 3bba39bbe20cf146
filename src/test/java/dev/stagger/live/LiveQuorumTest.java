package dev.stagger.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.Inventory;
import dev.stagger.model.SentinelService;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The quorum the sentinels were configured with wins over the inventory's, everywhere --live looks. */
class LiveQuorumTest {
    private static final Inventory INV = Fixture.inventory();

    private static SentinelService watchers() {
        return (SentinelService) INV.service("watchers").orElseThrow();
    }

    private static LiveSnapshot sentinelsWithQuorum(int quorum, int others) {
        Fixture.Snap s = Fixture.Snap.healthy();
        for (String h : List.of("app1", "app2", "arb3")) {
            s.sentinel(h, "10.0.1.10:6379", others, true, quorum);
        }
        return s.build();
    }

    @Test
    void theLiveQuorumAndVotersDecideWhatAFailoverNeeds() {
        LiveQuorum same = LiveQuorum.of(watchers(), "cache", sentinelsWithQuorum(2, 2));
        assertThat(same.needed()).isEqualTo(2);
        assertThat(same.differs()).isFalse();

        LiveQuorum higher = LiveQuorum.of(watchers(), "cache", sentinelsWithQuorum(3, 2));
        assertThat(higher.needed()).isEqualTo(3);
        assertThat(higher.describe()).isEqualTo("quorum 3 (live; the inventory says 2) and a majority of 3");

        // Stale sentinel entries: each counts 4 others, so a majority is of 5.
        LiveQuorum stale = LiveQuorum.of(watchers(), "cache", sentinelsWithQuorum(2, 4));
        assertThat(stale.needed()).isEqualTo(3);

        Fixture.Snap none = Fixture.Snap.healthy();
        for (String h : List.of("app1", "app2", "arb3")) {
            none.sentinelDown(h);
        }
        LiveQuorum unknown = LiveQuorum.of(watchers(), "cache", none.build());
        assertThat(unknown.live()).isFalse();
        assertThat(unknown.needed()).as("nothing answered: the declared quorum").isEqualTo(2);
    }

    @Test
    void theGateCountsTheLiveQuorum() {
        List<Diagnostic> declared = LiveChecker.checkBeforeStep(INV, sentinelsWithQuorum(2, 2),
                Fixture.maintain("arb3-kernel", "arb3"), Set.of());
        assertThat(declared).noneMatch(d -> d.rule().equals("failover-quorum") && d.isError());

        List<Diagnostic> live = LiveChecker.checkBeforeStep(INV, sentinelsWithQuorum(3, 2),
                Fixture.maintain("arb3-kernel", "arb3"), Set.of());
        assertThat(live).filteredOn(d -> d.rule().equals("failover-quorum")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("needs 3 (quorum 3 (live; the inventory says 2)"));
    }

    @Test
    void theOverlayCarriesTheLiveQuorumAndDriftSaysSo() {
        LiveSnapshot snap = sentinelsWithQuorum(3, 2);
        SentinelService overlaid = (SentinelService) LiveOverlay.apply(INV, snap).service("watchers").orElseThrow();
        assertThat(overlaid.quorum()).isEqualTo(3);
        assertThat(LiveOverlay.drift(INV, snap)).anySatisfy(d -> assertThat(d.message())
                .isEqualTo("watchers: the sentinels watch cache with quorum 3, the inventory says 2; the live quorum is the"
                        + " one that decides a failover (--live and run use it)"));
        assertThat(LiveOverlay.drift(INV, sentinelsWithQuorum(2, 2))).noneMatch(d -> d.message().contains("quorum"));
    }
}
