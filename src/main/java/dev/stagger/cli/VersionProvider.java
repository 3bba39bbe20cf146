package dev.stagger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and the commit the build wrote into {@code version.properties}, so it never drifts
 * from the pom; a class path without that file (an IDE) is a development build.
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties p = properties();
        return new String[] {"stagger " + version() + " (commit " + p.getProperty("commit", "unknown") + ")"};
    }

    /** The version alone, e.g. for a report's tool version. */
    static String version() {
        return properties().getProperty("version", "(development build)");
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Unreadable: reported as a development build below, like a missing file.
        }
        return p;
    }
}
