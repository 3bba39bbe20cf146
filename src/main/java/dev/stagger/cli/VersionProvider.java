package dev.stagger.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, so it never drifts from the pom. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"stagger " + (v == null ? "(development build)" : v)};
    }
}
