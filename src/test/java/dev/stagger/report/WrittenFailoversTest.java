package dev.stagger.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.load.PlanLoader;
import dev.stagger.model.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What plan says about the failovers the operator wrote: dropped, retargeted, or nothing. */
class WrittenFailoversTest {

    @Test
    void aDroppedAndARetargetedFailoverAreEachSaidOnceAndAKeptOneNot(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("plans/seed-000/inventory.yaml"), dir.resolve("inventory.yaml"));
        Plan written = plan(dir, "written.yaml", """
                  - id: kept
                    failover: cache
                    to: app2:6379
                  - id: moved
                    failover: cache
                    to: app2:6379
                  - id: gone
                    failover: cache
                    to: app1:6379
                """);
        Plan planned = plan(dir, "planned.yaml", """
                  - id: kept
                    failover: cache
                    to: app2:6379
                  - id: moved
                    failover: cache
                    to: app1:6379
                """);
        assertThat(WrittenFailovers.changes(written, planned)).containsExactly(
                "retargeted: written step moved fails over to app1:6379, not to app2:6379 as written: the planner chose "
                        + "the replica that is up and maintained at that point",
                "dropped: written step gone (failover cache to app1:6379) is not in the plan: the planner places the "
                        + "failovers safety needs itself; if you want the master there at the end, add the step back "
                        + "after the steps it must follow and validate the result");
        assertThat(WrittenFailovers.changes(written, written)).isEmpty();
    }

    private static Plan plan(Path dir, String name, String steps) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "plan: p\ninventory: inventory.yaml\nsteps:\n" + steps);
        return PlanLoader.load(file, null).plan();
    }
}
