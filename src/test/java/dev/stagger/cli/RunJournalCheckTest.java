package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.load.PlanLoader;
import dev.stagger.run.PlanHash;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --resume} over a journal that does not match the plan: exit 2, every error located, nothing done. */
class RunJournalCheckTest {
    @TempDir
    Path dir;

    @Test
    void aJournalWithStepsThePlanDoesNotHaveIsRefusedWithEveryErrorLocated() throws Exception {
        Path journal = dir.resolve("safe.journal");
        String hash = PlanHash.of(PlanLoader.load(Path.of("plans/seed-000/safe.yaml"), null).plan());
        Files.writeString(journal, ""
                + "{\"time\":\"2025-03-01T10:15:30Z\",\"event\":\"run-started\",\"plan\":\"drive-replacement-safe\","
                + "\"plan_hash\":\"" + hash + "\",\"resume\":false}\n"
                + "{\"time\":\"2025-03-01T10:15:31Z\",\"event\":\"step-done\",\"step\":\"dc2-drive\",\"took_ms\":5}\n"
                + "{\"time\":\"2025-03-01T10:15:32Z\",\"event\":\"phase-dne\",\"step\":\"dc1-drives\",\"phase\":\"down\"}\n");
        CliResult r = CliResult.run("run", "plans/seed-000/safe.yaml", "--yes", "--resume", "--journal", journal.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).as(r.toString())
                .contains(journal + ":3:32: error: unknown event `phase-dne`; did you mean `phase-done`?")
                .contains(journal + ":2:52: error: unknown step `dc2-drive`; did you mean `dc2-drives`?")
                .contains("2 errors in the input")
                .doesNotContain("internal error", "Exception");
        assertThat(r.out()).as("nothing printed as if it would run").isEmpty();
    }
}
