package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Start-up builds only the model the invocation needs: the named command alone, none for
 * {@code --version}; help, completion, a typo and no command at all see every command.
 */
class CommandModelTest {
    private static final String[] ALL = {"validate", "plan", "graph", "run", "status", "discover", "completion", "help"};

    private static Iterable<String> commands(String... args) {
        return Main.commandLine(CommandLine.defaultFactory(), args).getSubcommands().keySet();
    }

    @Test
    void aNamedCommandIsBuiltAlone() {
        assertThat(commands("validate", "plans/seed-000/safe.yaml")).containsExactly("validate");
        assertThat(commands("run", "--help")).containsExactly("run");
        assertThat(commands("--version")).isEmpty();
    }

    @Test
    void helpCompletionTyposAndNoCommandSeeEveryCommand() {
        assertThat(commands()).containsExactly(ALL);
        assertThat(commands("--help")).containsExactly(ALL);
        assertThat(commands("help", "run")).containsExactly(ALL);
        assertThat(commands("completion", "bash")).containsExactly(ALL);
        assertThat(commands("valdate", "x.yaml")).containsExactly(ALL);
        assertThat(commands("--version", "validate")).containsExactly(ALL);
    }

    @Test
    void aCommandBuiltAloneReadsAsBefore() {
        CliResult alone = CliResult.run("validate", "--help");
        CliResult viaHelp = CliResult.run("help", "validate");
        assertThat(alone.exitCode()).isZero();
        assertThat(alone.out()).contains("Usage: stagger validate").isEqualTo(viaHelp.out());
    }
}
