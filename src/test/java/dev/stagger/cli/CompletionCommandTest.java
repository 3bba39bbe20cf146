package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionCommandTest {
    @Test
    void bashPrintsPicocliScriptRegisteringStaggerWithEveryVisibleCommand() {
        CliResult r = CliResult.run("completion", "bash");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("complete -F _complete_stagger -o default stagger")
                .contains("validate").contains("plan").contains("run").contains("status").contains("discover")
                .contains("--format").contains("sarif");
    }

    @Test
    void zshIsTheSameScriptAutoloadableByCompdef() {
        String zsh = CliResult.run("completion", "zsh").out();
        assertThat(zsh).startsWith("#compdef stagger\n").endsWith(CliResult.run("completion", "bash").out());
    }

    @Test
    void anUnknownShellIsExitTwoNamingTheChoices() {
        CliResult r = CliResult.run("completion", "fish");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bash").contains("zsh");
    }

    @Test
    void versionNamesTheVersionAndTheCommit() {
        CliResult r = CliResult.run("--version");
        assertThat(r.out()).matches("stagger \\S+ \\(commit (?:[0-9a-f]{7,40}|unknown)\\)\\n");
    }
}
