package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
    @Test
    void helpListsEveryRunFlag() {
        CliResult r = CliResult.run("run", "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("--dry-run", "--yes", "--resume", "--journal", "--max-parallel", "--wait-safe",
                "--break-lock", "--inventory");
    }

    @Test
    void badFlagValuesAreUsageErrors() {
        CliResult r = CliResult.run("run", "plans/seed-000/safe.yaml", "--wait-safe", "soon");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--wait-safe").contains("`soon` is not a duration");
        CliResult p = CliResult.run("run", "plans/seed-000/safe.yaml", "--max-parallel", "0");
        assertThat(p.exitCode()).as(p.toString()).isEqualTo(2);
    }

    /**
     * The injected parts get the run's --allow-full-resync (the flag once built its own live parts,
     * past any injected ones). --resume skips the live pre-flight, so the first live call is connect.
     */
    @Test
    void allowFullResyncReachesTheInjectedLiveParts(@TempDir Path dir) {
        List<Boolean> seen = new ArrayList<>();
        RunCommand.LiveAccess fake = (allowFullResync, skipTargetWritesCheck) -> inventory -> {
            seen.add(allowFullResync);
            throw new StaggerException(ExitCode.BAD_INPUT, "fake parts: no cluster here");
        };
        String journal = dir.resolve("j").toString();
        int plain = runWith(fake, "run", "plans/seed-000/safe.yaml", "--resume", "--journal", journal);
        int allowing = runWith(fake, "run", "plans/seed-000/safe.yaml", "--resume", "--journal", journal,
                "--allow-full-resync");
        assertThat(List.of(plain, allowing)).containsOnly(ExitCode.BAD_INPUT);
        assertThat(seen).containsExactly(false, true);
    }

    private static int runWith(RunCommand.LiveAccess live, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == RunCommand.class ? cls.cast(new RunCommand(live)) : CommandLine.defaultFactory().create(cls);
            }
        };
        StringWriter err = new StringWriter();
        return Main.execute(factory, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }
}
