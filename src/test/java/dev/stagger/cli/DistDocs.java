package dev.stagger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

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
        // AsciiDoc for every command; asciidoctor-maven-plugin turns it into troff in man/man1 next.
        Path adoc = Files.createDirectories(Path.of(args[1]));
        int rc = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, root.getCommandSpec());
        if (rc != 0) {
            throw new IOException("picocli ManPageGenerator failed with exit code " + rc);
        }
        try (var pages = Files.list(adoc)) {
            for (Path page : pages.toList()) {
                write(page, literalHelpText(Files.readString(page, StandardCharsets.UTF_8)));
            }
        }
    }

    /**
     * The help text is written for a terminal, not as AsciiDoc: in the generated pages its lines
     * (the description, and the text under each option and argument) are passed through literally,
     * so {@code --} stays two dashes and {@code plans/**}{@code /*.yaml} stays a glob, and an indented
     * example line keeps a line of its own.
     */
    static String literalHelpText(String adoc) {
        List<String> out = new ArrayList<>();
        String section = "";
        for (String line : adoc.split("\n", -1)) {
            if (line.startsWith("== ")) {
                section = line.substring(3);
                out.add(line);
            } else if (line.isBlank() || line.startsWith("//")) {
                out.add(line);
            } else if (section.equals("Description")) {
                if (line.startsWith("  ")) {
                    int last = out.size() - 1;
                    if (!out.get(last).isBlank() && !out.get(last).endsWith(" +")) {
                        out.set(last, out.get(last) + " +");
                    }
                    out.add("{nbsp}{nbsp}{nbsp}{nbsp}" + literal(line.strip()) + " +");
                } else {
                    out.add(literal(line));
                }
            } else if ((section.equals("Options") || section.equals("Arguments")) && !line.endsWith("::")) {
                // picocli continues a multi-line description with a `+` line: one paragraph is what --help shows.
                if (!line.equals("+")) {
                    out.add("  " + literal(line.strip()));
                }
            } else {
                out.add(line);
            }
        }
        return String.join("\n", out);
    }

    private static String literal(String text) {
        return "pass:c[" + text.replace("\\", "\\\\").replace("]", "\\]") + "]";
    }

    /** The command line as {@link Main#execute} builds it. */
    static CommandLine root() {
        CommandLine cli = Main.commandLine(CommandLine.defaultFactory());
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
