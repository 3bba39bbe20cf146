package dev.stagger.run;

import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Asks the person to confirm the printed plan before anything happens. Only the word {@code yes}
 * confirms. Without a terminal there is nobody to ask, so the run refuses (exit 2) unless
 * {@code --yes} was given: a script must say it means it.
 */
public final class Confirmation {
    private Confirmation() {
    }

    /**
     * @throws StaggerException exit 2 when not interactive and not {@code --yes}; exit 1 when the
     *                          person answers anything but yes (nothing was done)
     */
    public static void confirm(boolean yes, boolean interactive, BufferedReader in, PrintWriter err) {
        if (yes) {
            return;
        }
        if (!interactive) {
            throw new StaggerException(ExitCode.BAD_INPUT,
                    "stdin is not a terminal, so nobody can confirm the plan: pass --yes to run it without asking");
        }
        err.print("Run this plan? Type yes to continue: ");
        err.flush();
        String answer;
        try {
            answer = in.readLine();
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.trim().equalsIgnoreCase("yes")) {
            throw new StaggerException(ExitCode.UNSAFE, "not confirmed (answer was "
                    + (answer == null ? "end of input" : "\"" + answer.trim() + "\"") + "): nothing was done");
        }
    }
}
