package dev.stagger.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process's stdout as {@link Main} hands it to the commands: text through this writer, and for
 * output already in UTF-8 (a large plan's YAML) the bytes underneath, without the writer's pass
 * that widens every char and encodes it back.
 */
final class StdoutWriter extends PrintWriter {
    private final PrintStream stdout;

    StdoutWriter(PrintStream stdout) {
        super(stdout, true, StandardCharsets.UTF_8);
        this.stdout = stdout;
    }

    /** The stream under this writer, once what was printed here is flushed to it. */
    OutputStream bytes() {
        flush();
        return stdout;
    }
}
