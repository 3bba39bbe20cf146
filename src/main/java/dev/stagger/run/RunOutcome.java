package dev.stagger.run;

import java.util.List;

/**
 * How a run ended: its exit code (0 done, 1 halted at a gate with nothing harmed, 3 failed,
 * 130 cancelled) and one line saying so; {@code wouldBlock} lists gates a dry run found blocked.
 */
public record RunOutcome(int exitCode, String message, List<String> wouldBlock) {
    public RunOutcome {
        wouldBlock = List.copyOf(wouldBlock);
    }
}
