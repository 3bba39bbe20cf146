package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.lab.LabSupport;
import dev.stagger.lab.RedisNode;
import dev.stagger.lab.cluster.ClusterLab;
import dev.stagger.live.LiveChecker;
import dev.stagger.live.LiveProber;
import dev.stagger.live.LiveSnapshot;
import dev.stagger.load.InventoryLoader;
import dev.stagger.model.Diagnostic;
import dev.stagger.model.Hooks;
import dev.stagger.model.Inventory;
import dev.stagger.model.Position;
import dev.stagger.model.Step;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real 6-node Redis Cluster through {@code status}, {@code validate --live} and the step gate:
 * healthy, after a shard failover behind the inventory's back, and with a node killed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusClusterIT {
    static ClusterLab lab;

    @BeforeAll
    static void start() {
        lab = ClusterLab.start();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static String ep(int i) {
        return lab.node(i).endpoint();
    }

    @Test
    @Order(1)
    void statusShowsAHealthyClusterShardByShard() {
        CliResult text = CliResult.run("status", "-i", lab.inventory().toString());
        System.out.println(text.out()); // what an operator sees, kept in the test report
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("cluster_state ok, slots 16384/16384")
                .contains("shard 0-5460: master " + ep(0) + ", replica " + ep(3) + " (link up, lag ")
                .contains("shard 5461-10922: master " + ep(1))
                .contains("shard 10923-16383: master " + ep(2))
                .contains("master 0-5460").contains("replica of " + ep(0))
                .contains("HEALTHY");

        CliResult json = CliResult.run("status", "-i", lab.inventory().toString(), "--format", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.out().replaceAll("\\s", "")).contains("\"slots_covered\":16384").contains("\"slots_missing\":null")
                .contains("\"slots\":\"0-5460\",\"master\":\"" + ep(0) + "\",\"flags\":null")
                .contains("\"instance\":\"" + ep(3) + "\",\"link\":\"up\"")
                .contains("\"healthy\":true");
    }

    @Test
    @Order(2)
    void validateLiveJudgesThePlanByTheLiveShardMasters() throws Exception {
        Path plan = lab.dir().resolve("plan.yaml");
        Files.writeString(plan, "plan: r1\ninventory: inventory.yaml\nsteps:\n  - id: r1\n    maintain: [r1]\n");
        CliResult declared = CliResult.run("validate", plan.toString());
        assertThat(declared.exitCode()).as(declared.toString()).isEqualTo(1);
        assertThat(declared.out()).contains("master-down");

        // r4 takes over r1's shard behind the inventory's back (coordinated: no write lost).
        lab.node(3).call("CLUSTER", "FAILOVER");
        await("r4 master of 0-5460 and r1 its linked replica", Duration.ofSeconds(20), () ->
                "master".equals(lab.node(3).info("role")) && "up".equals(lab.node(0).info("master_link_status")));
        lab.awaitHealthy(Duration.ofSeconds(20));

        CliResult live = CliResult.run("validate", "--live", plan.toString());
        assertThat(live.exitCode()).as(live.toString()).isZero();
        assertThat(live.out()).doesNotContain("master-down").contains("[drift]").contains(ep(3));

        CliResult status = CliResult.run("status", "-i", lab.inventory().toString());
        assertThat(status.out()).contains("shard 0-5460: master " + ep(3)).contains("drift: declared master " + ep(0));
    }

    @Test
    @Order(3)
    void aKilledNodeIsFlaggedAndTheGateRefusesAStepThatLosesTheMajority() {
        RedisNode r5 = lab.node(4); // replica of r2
        r5.kill();
        await("the cluster to flag r5 fail", Duration.ofSeconds(20), () ->
                String.valueOf(lab.node(1).call("CLUSTER", "NODES")).lines()
                        .anyMatch(l -> l.contains(":" + r5.port() + "@") && l.split(" ")[2].contains("fail")
                                && !l.split(" ")[2].contains("fail?")));

        CliResult text = CliResult.run("status", "-i", lab.inventory().toString());
        System.out.println(text.out());
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(1);
        assertThat(text.out()).contains("replica " + ep(4) + " (link unknown, fail")
                .contains("[unreachable]").contains("UNHEALTHY");
        CliResult json = CliResult.run("status", "-i", lab.inventory().toString(), "--format", "json");
        assertThat(json.out().replaceAll("\\s", "")).contains("\"instance\":\"" + ep(4) + "\",\"link\":\"unknown\"")
                .contains("\"flags\":\"fail");

        Inventory inv = InventoryLoader.load(lab.inventory());
        LiveSnapshot snap = new LiveProber().probe(inv);
        List<Diagnostic> r2Down = LiveChecker.checkBeforeStep(inv, snap, maintain("r2"), Set.of());
        assertThat(r2Down).extracting(Diagnostic::rule).contains("cluster-majority", "master-down");
        assertThat(r2Down).anyMatch(d -> d.message().contains("slots 5461-10922 would have no instance up"));

        List<Diagnostic> twoMasters = LiveChecker.checkBeforeStep(inv, snap, maintain("r2", "r3"), Set.of());
        assertThat(twoMasters).anyMatch(d -> d.rule().equals("cluster-majority")
                && d.message().contains("only 1 of the 3 slot-owning masters"));

        List<Diagnostic> replicaHost = LiveChecker.checkBeforeStep(inv, snap, maintain("r6"), Set.of());
        assertThat(replicaHost).extracting(Diagnostic::rule).containsOnly("unreachable");
    }

    private static Step maintain(String... hosts) {
        return new Step("maintain", new StepAction.Maintain(List.of(hosts).stream().map(Target::host).toList()),
                List.of(), Hooks.NONE, null, null, null, null, Position.NONE);
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) {
        LabSupport.await(what, timeout, Duration.ofMillis(100), () -> done.getAsBoolean() ? null : "not yet");
    }
}
