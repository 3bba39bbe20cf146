package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.check.Checker;
import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases the greedy scheduler alone got wrong, each reaching the exact optimum now. */
class PlannerOptimumTest {

    private static PlanResult plan(Fleet f) {
        return Planner.plan(f.loaded(), PlanOptions.DEFAULT);
    }

    private static void assertValid(Fleet f, PlanResult r) {
        assertThat(r.refusal()).isEmpty();
        assertThat(Checker.check(f.inventory(), StepGraph.of(r.plan())).stream().filter(Diagnostic::isError)).isEmpty();
        assertThat(StepGraph.of(r.plan()).waves()).isEqualTo(r.waves());
    }

    private static Fleet sixNodeCluster() {
        // Each data centre holds one master and the replica of another shard's master (a cycle).
        return new Fleet().host("r1", "dc1").host("r2", "dc2").host("r3", "dc3")
                .host("r4", "dc2").host("r5", "dc3").host("r6", "dc1").maxDownDcs(1)
                .cluster("sessions", List.of(List.of("r1:7000", "r4:7000"), List.of("r2:7000", "r5:7000"),
                        List.of("r3:7000", "r6:7000")));
    }

    @Test
    void aStopFollowedByAStartOnARedisHostIsPlannedNotRefused() {
        // The stop used to hold the group's one-at-a-time chain for good, so the start never fitted.
        Fleet f = new Fleet().host("h1", "dc1").host("h2", "dc1")
                .redis("cache", null, "h2:6379", "h1:6379").redis("queue", null, "h1:6380", "h2:6380")
                .maintain("m-h1", "h1").stop("stop-h2", List.of("h2"), "m-h1").start("start-h2", List.of("h2"));
        PlanResult r = plan(f);
        assertValid(f, r);
        assertThat(r.waves()).isEqualTo(3);
        assertThat(r.failovers()).isEqualTo(3);
    }

    @Test
    void aReplicaMaintainedWhileItsMasterIsDeclaredDownOwesNoFailover() {
        Fleet f = new Fleet().host("h1", "dc3").host("h2", "dc2").down("h2")
                .redis("cache", null, "h2:6379", "h1:6379").maintain("m-h1", "h1");
        PlanResult r = plan(f);
        assertValid(f, r);
        assertThat(r.failovers()).isZero();
        assertThat(r.bounds().failovers()).isZero();
    }

    @Test
    void theCyclicSixNodeClusterTakesThreeWavesAndFourFailoversThenOneThatSpreadsTheMasters() {
        Fleet f = sixNodeCluster();
        for (String h : List.of("r1", "r2", "r3", "r4", "r5", "r6")) {
            f.maintain("os-" + h, h);
        }
        PlanResult r = plan(f);
        assertValid(f, r);
        assertThat(r.waves()).isEqualTo(3);
        // The maintenance alone needs 4 (the exact optimum below); every 3-wave order of this cycle ends with
        // the first DC's shard back home and a second master beside it, so one more spreads them (MasterSpreadTest).
        assertThat(Optimum.find(f.inventory(), f.plan(), 0)).extracting(Optimum.Result::waves, Optimum.Result::failovers)
                .containsExactly(3, 4);
        assertThat(r.failovers()).isEqualTo(4 + 1);
        assertThat(r.aboveBound()).anyMatch(s -> s.contains("failovers 5 > lower bound 3: no order of these 6 steps in 3 waves needs fewer failovers"));
        assertThat(Checker.check(f.inventory(), StepGraph.of(r.plan()))).as("validate --strict").isEmpty();
    }

    @Test
    void replicasFirstWhenTheWrittenChainStartsOnAMasterHost() {
        // Greedy alone started with the head of the written chain (a master host) and moved a master twice.
        Fleet f = new Fleet().host("h1", "dc1").host("h2", "dc1").host("h3", "dc1")
                .redis("cache", null, "h1:6379", "h2:6379", "h3:6379")
                .maintain("m-h1", "h1").maintain("m-h2", "h2", "m-h1").maintain("m-h3", "h3", "m-h2");
        PlanResult r = plan(f);
        assertValid(f, r);
        assertThat(r.waves()).isEqualTo(3);
        assertThat(r.failovers()).isEqualTo(Optimum.find(f.inventory(), f.plan(), 0).failovers());
    }

    @Test
    void aStopOnAHostAlreadyDownInAPoolAlreadyShortIsRefusedWithTheCheckersReason() {
        Fleet f = new Fleet().host("h1", "dc1").host("h2", "dc1").down("h1")
                .appPercent("api", 100, List.of(), "h1:8080", "h2:8080")
                .stop("stop-h1", List.of("h1")).start("start-h1", List.of("h1"));
        PlanResult r = plan(f);
        assertThat(r.isRefused()).isTrue();
        assertThat(r.refusal()).extracting(Diagnostic::rule).contains("min-healthy");
        assertThat(Optimum.find(f.inventory(), f.plan(), 0)).isNull();
    }

    @Test
    void maxDownDcsTwoBoundsCountDataCentresNotTheirCombinations() {
        Fleet f = new Fleet().host("a", "dc1").host("b", "dc2").maxDownDcs(2)
                .app("api", 0, "a:80", "b:80")
                .maintain("one", "a").maintain("two", "b").maintain("both", List.of("a", "b"), "one", "two");
        PlanResult r = plan(f);
        assertValid(f, r);
        assertThat(r.bounds().waves()).isLessThanOrEqualTo(r.waves());
        assertThat(r.waves()).isEqualTo(2);
    }

    @Test
    void theSameInputGivesTheSamePlanAfterTheSearch() {
        Fleet f = sixNodeCluster();
        for (String h : List.of("r1", "r2", "r3", "r4", "r5", "r6")) {
            f.maintain("os-" + h, h);
        }
        List<String> first = plan(f).plan().steps().stream().map(Step::toString).toList();
        assertThat(plan(f).plan().steps().stream().map(Step::toString).toList()).isEqualTo(first);
    }
}
