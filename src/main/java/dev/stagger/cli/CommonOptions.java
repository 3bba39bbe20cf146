package dev.stagger.cli;

import picocli.CommandLine.Option;

/** Options every command accepts. */
final class CommonOptions {
    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;
}
