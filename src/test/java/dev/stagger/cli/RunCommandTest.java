package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
