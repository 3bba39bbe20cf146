package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.graph.StepGraph;
import dev.stagger.model.LoadedPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every plan bundled in plans/ loads (with the inventory it names) and forms a graph. */
class BundledFilesLoadTest {

    static List<Path> plans() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("plans"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .filter(BundledFilesLoadTest::isPlan).toList();
        }
    }

    static boolean isPlan(Path p) {
        try {
            return Files.readString(p).lines().anyMatch(l -> l.startsWith("plan:"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("plans")
    void loads(Path plan) {
        LoadedPlan loaded = PlanLoader.load(plan, null);

        assertThat(loaded.plan().steps()).isNotEmpty();
        assertThat(loaded.plan().file()).isEqualTo(plan.toString());
        assertThat(loaded.inventory().file()).isEqualTo(loaded.plan().inventoryPath());
        assertThat(StepGraph.of(loaded.plan()).steps()).hasSameSizeAs(loaded.plan().steps());
    }
}
