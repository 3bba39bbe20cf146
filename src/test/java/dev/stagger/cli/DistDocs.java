package dev.stagger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Build step (maven-antrun at prepare-package): writes the distribution's completion scripts and man
 * pages from the command model, so they always describe the commands this build ships. Lives with the
 * tests because the product never needs it at run time.
 */
public final class DistDocs {
    private DistDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path dist = Path.of(args[0]);
        CommandLine root = root();
        Path completion = Files.createDirectories(dist.resolve("completion"));
        write(completion.resolve("stagger.bash"), CompletionCommand.script(root, CompletionCommand.Shell.bash));
        write(completion.resolve("_stagger"), CompletionCommand.script(root, CompletionCommand.Shell.zsh));
        Path man1 = Files.createDirectories(dist.resolve("man").resolve("man1"));
        for (ManPage page : ManPage.all(root, "stagger " + version(root))) {
            write(man1.resolve(page.fileName()), page.troff());
        }
    }

    /** The command line as {@link Main#execute} builds it. */
    static CommandLine root() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    private static String version(CommandLine root) {
        StringWriter w = new StringWriter();
        root.printVersionHelp(new PrintWriter(w));
        String v = w.toString().trim();
        return v.startsWith("stagger ") ? v.substring("stagger ".length()) : v;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
