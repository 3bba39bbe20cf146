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
            sb.append(v.isSuppressed(d) ? suppressed(d, v.suppressionReason(d)) : line(d, v.fails(d))).append('\n');
        }
        return sb.toString();
    }

    /** Several plans' findings; a plan that could not be checked has its input errors as errors, so the pull request flags it. */
    public static String render(List<Validation> all) {
        StringBuilder sb = new StringBuilder();
        for (Validation v : all) {
            sb.append(render(v));
        }
        return sb.toString();
    }

    /** A reviewed finding: a notice, so the pull request still shows it, with the reason it was accepted. */
    private static String suppressed(Diagnostic d, String reason) {
        String annotation = line(d, false);
        int title = annotation.indexOf(",title=");
        int body = annotation.indexOf("::", title);
        return "::notice" + annotation.substring("::warning".length(), body) + property(" (suppressed)")
                + annotation.substring(body) + data("\nallowed: " + reason);
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
