package dev.stagger.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * Plan hooks' handle on a lab: {@code java -cp TEST_CLASSPATH dev.stagger.lab.LabCtl stop|start|kill LABDIR HOST}.
 * It works from the files the lab wrote, so it stops and starts the same processes the test started.
 * Exit 0 done, 1 failed (message on stderr), 2 usage.
 */
public final class LabCtl {
    private LabCtl() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: LabCtl stop|start|kill LABDIR HOST");
            System.exit(2);
        }
        try {
            var nodes = RedisLab.nodesOn(Path.of(args[1]), args[2]);
            switch (args[0]) {
                case "stop" -> nodes.forEach(ServerProcess::stop);
                case "kill" -> nodes.forEach(ServerProcess::kill);
                case "start" -> nodes.forEach(ServerProcess::start);
                default -> {
                    System.err.println("unknown action " + args[0] + "; use stop, start or kill");
                    System.exit(2);
                }
            }
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("LabCtl " + String.join(" ", args) + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** The command line a plan hook uses, for tests that write plans. */
    public static List<String> command(String action, Path labDir, String host) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(javaBin, "-cp", System.getProperty("java.class.path"), LabCtl.class.getName(),
                action, labDir.toString(), host);
    }
}
