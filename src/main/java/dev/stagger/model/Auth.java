package dev.stagger.model;

import java.nio.file.Path;

/**
 * How to authenticate to Redis or a sentinel. The password itself is never stored in the model:
 * only where to read it from at connection time.
 */
public record Auth(String user, String passwordEnv, Path passwordFile, boolean tls) {
    public static final Auth NONE = new Auth(null, null, null, false);

    public boolean hasPassword() {
        return passwordEnv != null || passwordFile != null;
    }
}
