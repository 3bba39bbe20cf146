package dev.stagger.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stagger completion bash|zsh}: the completion script for the shell, the same text the
 * distribution ships in {@code completion/}, so a user without the archive can still install it.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        header = "Print the shell completion script (bash or zsh).",
        description = {
            "Print the completion script for the shell. Load it for this shell with",
            "  source <(stagger completion bash)",
            "or install it, e.g. as /etc/bash_completion.d/stagger (bash) or as _stagger on your $fpath (zsh)."})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(spec.root().commandLine(), shell));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * picocli's script is written for bash and also runs in zsh through {@code bashcompinit}, which it
     * enables itself; the zsh flavour only adds the {@code #compdef} line that zsh's autoloader looks for.
     */
    static String script(CommandLine root, Shell shell) {
        String bash = AutoComplete.bash("stagger", root);
        return shell == Shell.zsh ? "#compdef stagger\n" + bash : bash;
    }
}
