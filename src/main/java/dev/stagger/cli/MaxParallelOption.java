package dev.stagger.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --max-parallel} of the planner: 0 (no limit) up to {@link #MAX}. The planner keeps a lane per
 * allowed step, so {@code --max-parallel 2147483647} once cost an OutOfMemoryError; no plan stagger
 * accepts has more than 100,000 steps, so a larger limit is no limit at all and is said so.
 */
final class MaxParallelOption {
    static final int MAX = 100_000;

    private MaxParallelOption() {
    }

    static int check(CommandSpec spec, int value) {
        if (value < 0 || value > MAX) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-parallel must be 0 (unbounded) to "
                    + MAX + ", not " + value);
        }
        return value;
    }
}
