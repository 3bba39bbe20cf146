package dev.stagger.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFilesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void tree() throws IOException {
        write("a/plan.yaml", "plan: a\ninventory: inventory.yaml\nsteps:\n  - maintain: [h1]\n");
        write("a/inventory.yaml", "cluster: c\nhosts:\n  h1: {dc: dc1}\n");
        write("a/b/deep.yml", "plan: deep\nsteps: []\n");
        write("a/b/broken.yaml", "stpes: [\n");
        write("ci/validate.yml", "name: ci\non: push\njobs:\n  validate:\n    runs-on: ubuntu-latest\n");
        write("a/.stagger/journal.yaml", "plan: hidden\nsteps: []\n");
        write("a/notes.txt", "plan: not yaml\n");
    }

    @Test
    void aDirectoryGivesEveryPlanUnderItSortedSkippingInventoriesWorkflowsAndHiddenDirectories() {
        PlanFiles.Expanded e = PlanFiles.expand(List.of(dir.toString()));
        // A broken plan (no recognisable keys of anything else) is still checked, so its errors are seen.
        assertThat(e.plans()).containsExactly(p("a/b/broken.yaml"), p("a/b/deep.yml"), p("a/plan.yaml"));
        assertThat(e.errors()).isEmpty();
    }

    @Test
    void aGlobSpansDirectoriesWithDoubleStarIncludingNoneAndSkipsInventories() {
        assertThat(PlanFiles.expand(List.of(dir + "/**/*.yaml")).plans())
                .containsExactly(p("a/b/broken.yaml"), p("a/plan.yaml"));
        assertThat(PlanFiles.expand(List.of(dir + "/*/*.yaml")).plans()).containsExactly(p("a/plan.yaml"));
        assertThat(PlanFiles.expand(List.of(dir + "/a/b/*.y*ml")).plans())
                .containsExactly(p("a/b/broken.yaml"), p("a/b/deep.yml"));
    }

    @Test
    void aGlobThatMatchesNoPlanIsAnInputErrorNamingIt() {
        PlanFiles.Expanded e = PlanFiles.expand(List.of(dir + "/nothing/*.yaml", p("a/plan.yaml")));
        assertThat(e.plans()).containsExactly(p("a/plan.yaml"));
        assertThat(e.errors()).extracting(Diagnostic::rule).containsExactly("input");
        assertThat(e.errors().get(0).message()).isEqualTo("no plan matches " + dir
                + "/nothing/*.yaml (a *.yaml or *.yml file that is not an inventory)");
    }

    @Test
    void filesStdinAndMissingFilesPassThroughInOrderEachOnce() {
        PlanFiles.Expanded e = PlanFiles.expand(List.of("-", p("a/inventory.yaml"), "missing.yaml",
                p("a/plan.yaml"), dir.resolve("a").toString()));
        // A file named explicitly is checked even when it looks like an inventory: the loader says what it is.
        assertThat(e.plans()).containsExactly("-", p("a/inventory.yaml"), "missing.yaml", p("a/plan.yaml"),
                p("a/b/broken.yaml"), p("a/b/deep.yml"));
        assertThat(e.errors()).isEmpty();
    }

    @Test
    void aDirectoryWithoutPlansIsAnInputError() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(PlanFiles.expand(List.of(dir.resolve("empty").toString())).errors()).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("no plan in directory "));
    }

    private String p(String relative) {
        return dir.resolve(relative).toString();
    }

    private void write(String relative, String text) throws IOException {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
