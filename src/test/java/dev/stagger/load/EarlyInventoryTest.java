package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.StaggerException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory read while the plan is parsed gives exactly what reading it afterwards gives. */
class EarlyInventoryTest {
    private static final String STEPS = "steps:\n  - maintain: app1\n";

    @Test
    void aGuessedInventoryLoads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inv.yaml"), InventoryLoaderTest.FULL);
        Path plan = write(dir, "plan: p\ninventory: inv.yaml  # next to the plan\n" + STEPS);

        assertThat(PlanLoader.load(plan, null).inventory().cluster()).isEqualTo("api-moscow");
    }

    @Test
    void aQuotedPathIsNotGuessedAndStillLoads(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inv.yaml"), InventoryLoaderTest.FULL);
        Path plan = write(dir, "plan: p\ninventory: \"inv.yaml\"\n" + STEPS);

        assertThat(PlanLoader.load(plan, null).inventory().cluster()).isEqualTo("api-moscow");
    }

    @Test
    void errorsInsideTheInventoryAreThoseOfReadingItAlone(@TempDir Path dir) throws Exception {
        Path inv = dir.resolve("inv.yaml");
        Files.writeString(inv, InventoryLoaderTest.FULL.replace("dc: dc1", "dc: [dc1]").replace("cluster:", "clustr:"));
        Path plan = write(dir, "plan: p\ninventory: inv.yaml\n" + STEPS);

        StaggerException alone = catchThrowableOfType(StaggerException.class, () -> InventoryLoader.load(inv));
        StaggerException viaPlan = catchThrowableOfType(StaggerException.class, () -> PlanLoader.load(plan, null));
        StaggerException viaOverride = catchThrowableOfType(StaggerException.class, () -> PlanLoader.load(plan, inv));

        assertThat(alone.diagnostics()).isNotEmpty();
        assertThat(viaPlan.diagnostics()).extracting(Diagnostic::render)
                .containsExactlyElementsOf(alone.diagnostics().stream().map(Diagnostic::render).toList());
        assertThat(viaOverride.diagnostics()).extracting(Diagnostic::render)
                .containsExactlyElementsOf(alone.diagnostics().stream().map(Diagnostic::render).toList());
    }

    @Test
    void aMissingInventoryIsReportedAtThePlanLine(@TempDir Path dir) throws Exception {
        Path plan = write(dir, "plan: p\ninventory: nowhere.yaml\n" + STEPS);

        StaggerException e = catchThrowableOfType(StaggerException.class, () -> PlanLoader.load(plan, null));

        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.position().file()).isEqualTo(plan.toString());
            assertThat(d.position().line()).isEqualTo(2);
            assertThat(d.message()).startsWith("cannot read inventory");
        });
    }

    private static Path write(Path dir, String text) throws Exception {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, text);
        return plan;
    }
}
