package dev.stagger.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * One troff man page (section 1) for a command, written straight from the picocli model.
 * picocli-codegen's ManPageGenerator only writes AsciiDoc, whose conversion to troff needs
 * Asciidoctor (JRuby), which the build cannot get here; man pages are simple enough to write directly.
 */
record ManPage(String fileName, String troff) {

    /** The page of the top command and of every visible subcommand (help excepted), recursively. */
    static List<ManPage> all(CommandLine root, String version) {
        List<ManPage> pages = new ArrayList<>();
        add(root, version, pages);
        return pages;
    }

    private static void add(CommandLine cmd, String version, List<ManPage> pages) {
        pages.add(of(cmd.getCommandSpec(), version));
        for (CommandLine sub : cmd.getSubcommands().values()) {
            CommandSpec s = sub.getCommandSpec();
            if (!s.usageMessage().hidden() && !s.helpCommand() && s.parent() == cmd.getCommandSpec()
                    && pages.stream().noneMatch(p -> p.fileName().equals(pageName(s) + ".1"))) {
                add(sub, version, pages);
            }
        }
    }

    static ManPage of(CommandSpec spec, String version) {
        String name = pageName(spec);
        StringBuilder t = new StringBuilder();
        t.append(".TH ").append(quote(name.toUpperCase(java.util.Locale.ROOT))).append(" 1 \"\" ")
                .append(quote(version)).append(" \"stagger manual\"\n");
        t.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary(spec))).append('\n');
        t.append(".SH SYNOPSIS\n.nf\n");
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        t.append(text(help.synopsis(0).stripTrailing())).append("\n.fi\n");
        t.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            // An indented line is an example to type: kept on a line of its own, indented.
            t.append(line.startsWith("  ")
                    ? ".RS 4\n.nf\n" + text(line.strip()) + "\n.fi\n.RE\n"
                    : text(line.strip()) + "\n");
        }
        if (!spec.positionalParameters().isEmpty()) {
            t.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                t.append(".TP\n").append("\\fI").append(escape(p.paramLabel())).append("\\fR\n")
                        .append(text(String.join(" ", p.description()))).append('\n');
            }
        }
        t.append(".SH OPTIONS\n");
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String names = String.join(", ", o.names());
            String label = o.typeInfo().isBoolean() ? "" : " \\fI" + escape(o.paramLabel()) + "\\fR";
            t.append(".TP\n\\fB").append(escape(names)).append("\\fR").append(label).append('\n')
                    .append(text(String.join(" ", o.description()).replace("${DEFAULT-VALUE}",
                            String.valueOf(o.defaultValue())))).append('\n');
        }
        if (!spec.subcommands().isEmpty()) {
            t.append(".SH COMMANDS\n");
            spec.subcommands().forEach((n, c) -> {
                CommandSpec s = c.getCommandSpec();
                if (!s.usageMessage().hidden() && s.parent() == spec && n.equals(s.name())) {
                    t.append(".TP\n\\fB").append(escape(n)).append("\\fR\n").append(text(summary(s))).append('\n');
                }
            });
        }
        t.append(".SH EXIT STATUS\n0 safe or done; 1 unsafe (a safety rule, no safe order, or a run halted at a gate);\n")
                .append("2 bad input or usage; 3 a run failed; 130 interrupted.\n");
        t.append(".SH SEE ALSO\n").append(spec.parent() == null ? "" : "\\fBstagger\\fR(1), ")
                .append("\\fBstagger \\-\\-help\\fR\n");
        return new ManPage(name + ".1", t.toString());
    }

    /** {@code stagger-validate} for {@code stagger validate}, the git convention. */
    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0) {
            return String.join(" ", header).strip();
        }
        String[] description = spec.usageMessage().description();
        return description.length == 0 ? spec.name() : description[0].strip();
    }

    private static String quote(String s) {
        return "\"" + escape(s).replace("\"", "\\(dq") + "\"";
    }

    /** Body text: escaped, and a line that would start with a control character made literal. */
    private static String text(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            String e = escape(line);
            sb.append(e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }
}
