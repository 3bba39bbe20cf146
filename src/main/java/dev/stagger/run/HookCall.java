package dev.stagger.run;

import dev.stagger.model.Target;
import java.util.List;

/** One hook to run: for a step's phase and one target, the command with placeholders already substituted. */
public record HookCall(String step, Phase phase, Target target, List<String> command) {
    public HookCall {
        command = List.copyOf(command);
    }

    /** The command as a person would type it (quoted where needed); for messages, never executed. */
    public String commandLine() {
        StringBuilder sb = new StringBuilder();
        for (String arg : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            boolean plain = !arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=@,+%{}".indexOf(c) >= 0);
            sb.append(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
