package dev.stagger.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static PlanResult plan(Fleet f) {
        return Planner.plan(f.loaded(), PlanOptions.DEFAULT);
    }

    private static void assertSafe(Fleet f, PlanResult r) {
        assertThat(r.refusal()).isEmpty();
        assertThat(Oracle.problem(f.inventory(), r.plan())).isNull();
        assertThat(StepGraph.of(r.plan()).waves()).isEqualTo(r.waves());
    }

    @Test
    void seed000MaintainsDc2ThenMovesTheMasterThenDc1() {
        Fleet f = Fleet.seed000().maintain("dc1-drives", "app1").maintain("dc2-drives", "app2");
        PlanResult r = plan(f);
        assertSafe(f, r);
        assertThat(r.plan().steps()).extracting(Step::id).containsExactly("dc2-drives", "failover-cache", "dc1-drives");
        StepAction.Failover fo = (StepAction.Failover) r.plan().steps().get(1).action();
        assertThat(fo.to()).hasToString("app2:6379");
        // dc2-drives -> failover-cache -> dc1-drives implies dc2-drives -> dc1-drives: only the path is written.
        assertThat(r.plan().steps().get(2).after()).containsExactly("failover-cache");
        assertThat(r.plan().steps().get(1).after()).containsExactly("dc2-drives");
        assertThat(r.summary()).isEqualTo("waves 2 (lower bound 2), failovers 1 (lower bound 1)");
        assertThat(r.inserted().get("failover-cache")).contains("another data centre").contains("already done");
        assertThat(r.reasonFor("dc2-drives", "failover-cache")).contains("app2:6379 is maintained before");
        assertThat(r.aboveBound()).isEmpty();
    }

    @Test
    void failoversOfTwoGroupsInOneWaveAreChainedWithoutAddingAWave() {
        // Both masters live on h1; maintaining h1 needs both moved first. Nothing orders the two
        // failovers but run would serialise them anyway: the plan says so with an edge.
        Fleet f = new Fleet().host("h1", "dc1").host("h2", "dc2").host("h3", "dc3")
                .redis("cache", null, "h1:6379", "h2:6379").redis("queue", null, "h1:6380", "h3:6380")
                .maintain("m1", "h1");
        PlanResult r = plan(f);
        assertSafe(f, r);
        List<Step> failovers = r.plan().steps().stream().filter(Step::isFailover).toList();
        assertThat(failovers).hasSize(2);
        assertThat(failovers.get(1).after()).contains(failovers.get(0).id());
        assertThat(r.reasonFor(failovers.get(0).id(), failovers.get(1).id())).isEqualTo(FailoverChain.WHY);
        assertThat(r.waves()).isEqualTo(1);
    }

    @Test
    void theSafeSeedPlanKeepsItsFailoverIdAndComesOutTheSame() {
        Fleet f = Fleet.seed000().sequence().maintain("dc2-drives", "app2")
                .failover("move-cache-master", "cache", "app2:6379").maintain("dc1-drives", "app1");
        PlanResult r = plan(f);
        assertSafe(f, r);
        assertThat(r.plan().steps()).extracting(Step::id).containsExactly("dc2-drives", "move-cache-master", "dc1-drives");
        assertThat(r.waves()).isEqualTo(2);
        assertThat(r.failovers()).isEqualTo(1);
    }

    @Test
    void aPoolOfOneWithMinHealthyOneIsRefusedWithTheFix() {
        Fleet f = new Fleet().host("a1", "dc1").app("api", 1, "a1").maintain("patch", "a1");
        PlanResult r = plan(f);
        assertThat(r.isRefused()).isTrue();
        Diagnostic d = r.refusal().get(0);
        assertThat(d.rule()).isEqualTo("min-healthy");
        assertThat(d.steps()).containsExactly("patch");
        assertThat(d.fix()).isEqualTo("give api a second instance or lower min_healthy to 0");
    }

    @Test
    void oneStepTakingDownEveryReplicaAndTheMasterIsRefused() {
        Fleet f = new Fleet().host("r1", "dc1").host("r2", "dc2")
                .redis("cache", null, "r1:6379", "r2:6379").maintain("both", List.of("r1", "r2"));
        PlanResult r = plan(f);
        assertThat(r.isRefused()).isTrue();
        Diagnostic d = r.refusal().get(0);
        assertThat(d.rule()).isEqualTo("master-down");
        assertThat(d.steps()).containsExactly("both");
        assertThat(d.message()).contains("every instance of cache");
        assertThat(d.fix()).contains("r1, r2").contains("separate steps");
    }

    @Test
    void anInstanceAlreadyDownLeavingNoHeadroomIsRefused() {
        Fleet f = new Fleet().host("a1", "dc1").host("a2", "dc2").down("a2")
                .app("api", 1, "a1", "a2").maintain("patch", "a1");
        PlanResult r = plan(f);
        assertThat(r.isRefused()).isTrue();
        Diagnostic d = r.refusal().get(0);
        assertThat(d.rule()).isEqualTo("min-healthy");
        assertThat(d.message()).contains("a2 is already down");
        assertThat(d.fix()).isEqualTo("bring a2 up first, or lower min_healthy to 0");
    }

    @Test
    void keepOrderKeepsTheWrittenSequenceAndOnlyInsertsFailovers() {
        Fleet f = Fleet.seed000().maintain("dc1-drives", "app1").maintain("dc2-drives", "app2");
        PlanResult r = Planner.plan(f.loaded(), new PlanOptions(0, true));
        assertSafe(f, r);
        // As written, dc1 goes first: the master moves to app2, then back to app1 before dc2.
        assertThat(r.plan().steps()).extracting(Step::id)
                .containsExactly("failover-cache", "dc1-drives", "failover-cache-2", "dc2-drives");
        assertThat(r.plan().steps().get(2).after()).containsExactly("dc1-drives");
        assertThat(r.failovers()).isEqualTo(2);
        assertThat(((StepAction.Failover) r.plan().steps().get(0).action()).to()).hasToString("app2:6379");
        assertThat(((StepAction.Failover) r.plan().steps().get(2).action()).to()).hasToString("app1:6379");
        assertThat(r.aboveBound()).anyMatch(s -> s.startsWith("cache moves 2 times"));
    }

    @Test
    void maxParallelBoundsTheStepsInProgress() {
        Fleet f = new Fleet();
        for (int i = 1; i <= 6; i++) {
            f.host("w" + i, "dc1");
        }
        f.app("web", 0, "w1", "w2", "w3", "w4", "w5", "w6");
        for (int i = 1; i <= 6; i++) {
            f.maintain("k" + i, "w" + i);
        }
        PlanResult free = plan(f);
        assertThat(free.waves()).isEqualTo(1);
        PlanResult two = Planner.plan(f.loaded(), new PlanOptions(2, false));
        assertSafe(f, two);
        assertThat(two.waves()).isEqualTo(3);
        assertThat(two.bounds().waves()).isEqualTo(3);
        assertThat(two.addedEdges().values()).allMatch(s -> s.contains("--max-parallel 2"));
    }

    @Test
    void writtenAfterEdgesAreKept() {
        Fleet f = new Fleet().host("w1", "dc1").host("w2", "dc1").host("w3", "dc1")
                .app("web", 0, "w1", "w2", "w3")
                .maintain("a", "w1").maintain("b", "w2", "a").maintain("c", "w3", "b");
        PlanResult r = plan(f);
        assertSafe(f, r);
        assertThat(r.plan().step("b").orElseThrow().after()).containsExactly("a");
        assertThat(r.plan().step("c").orElseThrow().after()).containsExactly("b");
        assertThat(r.reasonFor("a", "b")).isNull();
        assertThat(r.waves()).isEqualTo(3);
        assertThat(r.bounds().waves()).isEqualTo(3);
    }

    @Test
    void clusterShardsFailOverWithShardAndTarget() {
        Fleet f = new Fleet().host("r1", "dc1").host("r2", "dc2").host("r3", "dc3")
                .cluster("sessions", List.of(List.of("r1:7000", "r2:7000"), List.of("r2:7001", "r3:7001"),
                        List.of("r3:7002", "r1:7002")))
                .maintain("m1", "r1").maintain("m2", "r2").maintain("m3", "r3");
        PlanResult r = plan(f);
        assertSafe(f, r);
        List<StepAction.Failover> failovers = r.plan().steps().stream().filter(Step::isFailover)
                .map(s -> (StepAction.Failover) s.action()).toList();
        assertThat(failovers).isNotEmpty().allMatch(fo -> fo.shard() != null && fo.to() != null);
        assertThat(r.failovers()).isGreaterThanOrEqualTo(r.bounds().failovers());
        assertThat(r.bounds().failovers()).isEqualTo(3);
    }

    @Test
    void replicaOnlyHostsGoFirstSoEachMasterMovesOnce() {
        Fleet f = new Fleet().host("m", "dc1").host("r1", "dc2").host("r2", "dc3")
                .redis("cache", null, "m:6379", "r1:6379", "r2:6379")
                .maintain("m", "m").maintain("r1", "r1").maintain("r2", "r2");
        PlanResult r = plan(f);
        assertSafe(f, r);
        assertThat(r.failovers()).isEqualTo(1);
        assertThat(r.waves()).isEqualTo(3);
        assertThat(r.plan().steps().get(r.plan().steps().size() - 1).id()).isEqualTo("m");
    }

    @Test
    void maxDownDcsMaintainsOneDataCentreAtATime() {
        Fleet f = new Fleet().host("a", "dc1").host("b", "dc1").host("c", "dc2").host("d", "dc2").maxDownDcs(1)
                .app("web", 2, "a", "b", "c", "d")
                .maintain("a", "a").maintain("b", "b").maintain("c", "c").maintain("d", "d");
        PlanResult r = plan(f);
        assertSafe(f, r);
        assertThat(r.waves()).isEqualTo(2);
        assertThat(r.bounds().waves()).isEqualTo(2);
    }

    @Test
    void planningIsDeterministic() {
        Fleet f = Fleet.seed000().maintain("dc1-drives", "app1").maintain("dc2-drives", "app2");
        assertThat(plan(f)).isEqualTo(plan(f));
    }
}
