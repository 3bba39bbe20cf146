package dev.stagger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The start-up floor stagger is measured against: the least a picocli command line that reads one
 * file can cost (a JVM, picocli's model of one command, one file read). Run by {@link StartupBench}
 * with picocli alone on its class path.
 */
@Command(name = "floor", mixinStandardHelpOptions = true, version = "floor 1")
public final class StartupFloor implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
        System.out.println(file + ": " + Files.readAllBytes(file).length + " bytes");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StartupFloor()).execute(args));
    }
}
