package dev.stagger.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, hazard 8: {@code failover-quorum} named only the worst set of steps. Every step that
 * breaks the quorum (with the steps that may overlap it) is reported, at its own step.
 */
class QuorumEveryStepTest {
    private static Fixture threeSentinels(Fixture f) {
        f.host("s1", "dc1").host("s2", "dc2").host("s3", "dc3").host("s4", "dc1");
        f.sentinels("watchers", 2, "s1:26379", "s2:26379", "s3:26379");
        return f;
    }

    private static List<Diagnostic> quorum(Fixture f) {
        return f.check().stream().filter(d -> d.rule().equals("failover-quorum")).toList();
    }

    @Test
    void everyStepThatBreaksTheQuorumIsNamed() {
        Fixture f = threeSentinels(Fixture.graph());
        f.maintain("a", "s1").maintain("b", "s2").maintain("c", "s3");
        List<Diagnostic> found = quorum(f);
        assertThat(found).extracting(Diagnostic::steps).containsExactly(List.of("a", "b"), List.of("a", "c"));
        assertThat(found.get(1).message()).isEqualTo("a and c may overlap and together take down 2 of 3 watchers sentinels:"
                + " s1:26379, s3:26379; 1 left up, but a failover needs 2 (quorum 2 and a majority of 3)");
    }

    @Test
    void aStepOrderedAwayFromTheOthersIsNotNamed() {
        Fixture f = threeSentinels(Fixture.graph());
        f.maintain("a", "s1").maintain("b", "s2").maintain("c", "s3", "a", "b");
        assertThat(quorum(f)).extracting(Diagnostic::steps).containsExactly(List.of("a", "b"));
    }

    @Test
    void aSafePlanHasNoFinding() {
        Fixture f = threeSentinels(Fixture.sequence());
        f.maintain("a", "s1").maintain("b", "s2").maintain("c", "s3");
        assertThat(quorum(f)).isEmpty();
    }
}
