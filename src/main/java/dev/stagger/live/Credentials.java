package dev.stagger.live;

import dev.stagger.model.Auth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Function;

/**
 * Reads a password at connect time from where the inventory says. The value is returned to the
 * client library and nowhere else: messages name only the source ({@code env REDIS_PASSWORD}).
 */
final class Credentials {
    private Credentials() {
    }

    /** The password, or null when the auth has none. */
    static String password(Auth auth, Function<String, String> env) throws ProbeException {
        if (auth == null || !auth.hasPassword()) {
            return null;
        }
        if (auth.passwordEnv() != null) {
            String v = env.apply(auth.passwordEnv());
            if (v == null || v.isEmpty()) {
                throw new ProbeException("password_env " + auth.passwordEnv() + " is not set");
            }
            return v;
        }
        try {
            String v = Files.readString(auth.passwordFile(), StandardCharsets.UTF_8).strip();
            if (v.isEmpty()) {
                throw new ProbeException("password_file " + auth.passwordFile() + " is empty");
            }
            return v;
        } catch (IOException e) {
            throw new ProbeException("cannot read password_file " + auth.passwordFile() + ": " + e.getClass().getSimpleName());
        }
    }
}
