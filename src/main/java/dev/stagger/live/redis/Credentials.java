package dev.stagger.live.redis;

import dev.stagger.io.BoundedFile;
import dev.stagger.model.Auth;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads a password at connect time from where the inventory says ({@code password_env} or
 * {@code password_file}), so a rotated secret is picked up and the password never sits in the model.
 * The value is returned to the client library and nowhere else: messages name only the source.
 * Shared by the probes, the Sentinel/FAILOVER failovers and the cluster code.
 */
public final class Credentials {
    /** A password file is a line; anything much larger is not one (and /dev/zero never ends). */
    private static final long MAX_PASSWORD_FILE = 64 * 1024;

    private Credentials() {
    }

    /** The password cannot be read; the message names its source, never a value. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    /**
     * The password, or null when the auth has none.
     *
     * @param env where {@code password_env} names are looked up ({@code System::getenv} outside tests)
     * @throws Unavailable when the variable is unset or empty, or the file is unreadable or empty
     */
    public static String password(Auth auth, Function<String, String> env) {
        if (auth == null || !auth.hasPassword()) {
            return null;
        }
        if (auth.passwordEnv() != null) {
            String v = env.apply(auth.passwordEnv());
            if (v == null || v.isEmpty()) {
                throw new Unavailable("password_env " + auth.passwordEnv() + " is not set");
            }
            return v;
        }
        String v;
        try {
            // Files written by editors and `echo` end with a newline that is not part of the password.
            v = new String(BoundedFile.read(auth.passwordFile(), MAX_PASSWORD_FILE, "a password file"),
                    StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
        } catch (BoundedFile.Refused e) {
            throw new Unavailable("cannot read password_file " + auth.passwordFile() + ": " + e.getMessage());
        }
        if (v.isEmpty()) {
            throw new Unavailable("password_file " + auth.passwordFile() + " is empty");
        }
        return v;
    }

    /** Same, looking {@code password_env} up in the process environment. */
    public static String password(Auth auth) {
        return password(auth, System::getenv);
    }
}
