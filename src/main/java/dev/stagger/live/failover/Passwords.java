package dev.stagger.live.failover;

import dev.stagger.model.Auth;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Reads a password where {@link Auth} says it lives, at connection time, so that a rotated secret
 * is picked up and the password never sits in the model. Errors name the source, never the value.
 */
final class Passwords {
    private Passwords() {
    }

    /** The password, or null when the auth has none. */
    static String read(Auth auth) {
        if (auth == null || !auth.hasPassword()) {
            return null;
        }
        if (auth.passwordEnv() != null) {
            String v = System.getenv(auth.passwordEnv());
            if (v == null || v.isEmpty()) {
                throw new NodeUnavailable("environment variable " + auth.passwordEnv()
                        + " (password_env) is not set; export it before running stagger");
            }
            return v;
        }
        try {
            String v = Files.readString(auth.passwordFile());
            // Files written by editors and `echo` end with a newline that is not part of the password.
            return v.replaceAll("[\r\n]+$", "");
        } catch (IOException e) {
            throw new NodeUnavailable("cannot read password_file " + auth.passwordFile() + ": "
                    + e.getClass().getSimpleName());
        }
    }
}
