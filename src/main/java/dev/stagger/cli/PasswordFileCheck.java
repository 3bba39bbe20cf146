package dev.stagger.cli;

import dev.stagger.live.redis.Credentials;
import dev.stagger.model.Auth;
import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;

/**
 * A password file named on the command line is read once before anything connects: /dev/zero, a
 * missing or an empty file is the operator's input error (exit 2), not a peer that "does not answer".
 * The password itself is never shown. A class of its own so that only the commands that use it load
 * the probe code ({@code validate} without {@code --live} loads none).
 */
final class PasswordFileCheck {
    private PasswordFileCheck() {
    }

    static void readable(Auth auth, String flag) {
        try {
            Credentials.password(auth);
        } catch (Credentials.Unavailable e) {
            throw new StaggerException(ExitCode.BAD_INPUT, flag + ": " + e.getMessage());
        }
    }
}
