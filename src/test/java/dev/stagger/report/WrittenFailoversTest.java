package dev.stagger.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.load.PlanLoader;
import dev.stagger.model.Plan;
import dev.stagger.plan.PlanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What plan says about the failovers the operator wrote: dropped, retargeted, or nothing. */
class WrittenFailoversTest {

    @Test
    void thePlannersReasonIsSaidAndAnUnexplainedChangeIsStillSaid(@TempDir Path dir) throws IOException {
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
                  - id: lost
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
        PlanResult result = new PlanResult(planned, Map.of(), Map.of(), Map.of(), 0, 2, null, List.of(), List.of(), List.of(),
                Map.of("gone", "dropped: written step gone (failover cache to app1:6379) is not in the plan: why"));
        assertThat(WrittenFailovers.changes(written, result)).containsExactly(
                "retargeted: written step moved fails over to app1:6379, not to app2:6379 as written",
                "dropped: written step gone (failover cache to app1:6379) is not in the plan: why",
                "dropped: written step lost (failover cache to app1:6379) is not in the plan; add it back after the "
                        + "steps it must follow and validate the result");
        PlanResult same = new PlanResult(written, Map.of(), Map.of(), Map.of(), 0, 4, null, List.of(), List.of(), List.of());
        assertThat(WrittenFailovers.changes(written, same)).isEmpty();
    }

    private static Plan plan(Path dir, String name, String steps) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "plan: p\ninventory: inventory.yaml\nsteps:\n" + steps);
        return PlanLoader.load(file, null).plan();
    }
}
