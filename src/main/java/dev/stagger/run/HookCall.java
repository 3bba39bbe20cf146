package dev.stagger.run;

import dev.stagger.model.Defaults;
import dev.stagger.model.Target;
import dev.stagger.model.TerminalText;
import java.time.Duration;
import java.util.List;

/**
 * One hook to run: for a step's phase and one target, the command with placeholders already
 * substituted, and how long it may run ({@code hook_timeout}) before its process group is ended.
 */
public record HookCall(String step, Phase phase, Target target, List<String> command, Duration timeout) {
    public HookCall {
        command = List.copyOf(command);
    }

    public HookCall(String step, Phase phase, Target target, List<String> command) {
        this(step, phase, target, command, Defaults.DEFAULT_HOOK_TIMEOUT);
    }

    /** {@code the do hook for app1}: how messages name it. */
    public String describe() {
        return "the " + phase.label() + " hook for " + target;
    }

    /** The command as a person would type it (quoted where needed); for messages, never executed. */
    public String commandLine() {
        StringBuilder sb = new StringBuilder();
        for (String arg : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean plain = !arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@,+%{}".indexOf(c) >= 0);
            boolean control = TerminalText.firstUnsafeInName(arg) >= 0;
            sb.append(plain ? arg : control ? ansiQuoted(arg) : "'" + arg.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /**
     * Bash's {@code $'...'} form for an argument with control characters: the line stays one line and
     * paints nothing on the operator's terminal, and typed into bash it is still the same argument.
     */
    private static String ansiQuoted(String arg) {
        StringBuilder sb = new StringBuilder("$'");
        arg.codePoints().forEach(cp -> {
            if (cp == '\\' || cp == '\'') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (TerminalText.isUnsafe(cp)) {
                sb.append(cp < 0x80 ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('\'').toString();
    }
}
