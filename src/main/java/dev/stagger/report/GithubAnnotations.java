package dev.stagger.report;

import dev.stagger.model.Diagnostic;
import dev.stagger.model.TerminalText;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…::message}): each finding shows up
 * on the offending line of the plan in the pull request.
 */
public final class GithubAnnotations {
    private GithubAnnotations() {
    }

    public static String render(Validation v) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : v.diagnostics()) {
            sb.append(line(d, v.fails(d))).append('\n');
        }
        return sb.toString();
    }

    /** Bad-input errors as annotations, so a broken plan is flagged in the pull request too. */
    public static String render(List<Diagnostic> inputErrors) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : inputErrors) {
            sb.append(line(d, true)).append('\n');
        }
        return sb.toString();
    }

    static String line(Diagnostic d, boolean failing) {
        StringBuilder sb = new StringBuilder("::").append(failing ? "error" : "warning");
        sb.append(" file=").append(property(d.position().file()));
        if (d.position().isKnown()) {
            sb.append(",line=").append(d.position().line()).append(",col=").append(d.position().column());
        }
        sb.append(",title=").append(property("stagger " + d.rule()));
        String message = d.fix() == null ? d.message() : d.message() + "\nfix: " + d.fix();
        sb.append("::").append(data(message));
        return sb.toString();
    }

    private static String data(String s) {
        return TerminalText.escape(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
